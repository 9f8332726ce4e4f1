// Moments end to end against the sandbox: bad content and unknown senders or tags answer 4xx before anything is
// recorded or sent; a moment of library images goes out as one add_moment_task (upload_attachment media, senders,
// tags), its WeCom job is followed to a moment_id; a staff member publishes in the sandbox and customers like and
// comment, and the pulled per-staff status, visible and shown counts and interactions match the sandbox's; cancel
// stops the others from publishing.
import { createWecomClient } from '@siyu/wecom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteAndAccept } from '../helpers/test-app';
import { until } from '../helpers/until';
import { runSync, SECRET, startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwmomentse2e1';
let h: Harness;
let tagId = '';
const ext: Record<string, string> = {};
const mat: Record<string, string> = {};

const png = (n: number) => {
  const b = Buffer.alloc(256, n);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  return b.toString('base64');
};
const mp4 = () => {
  const b = Buffer.alloc(256, 1);
  b.write('ftypisom', 4, 'latin1');
  return b.toString('base64');
};

type Moment = { id: string; status: string; error: string | null; staffCount: number; publishedCount: number; likes: number; comments: number; tags: Array<{ name: string }>; senders: Array<{ name: string }> };
type Detail = {
  moment: Moment;
  staff: Array<{ userid: string; name: string; published: boolean; visibleCustomers: number; shownCustomers: number; likes: number; comments: number }>;
  interactions: Array<{ kind: string; staffName: string; customerName: string }>;
};
type SbMoment = { moment_id: string; senders: string[]; published: string[]; image?: Array<{ media_id: string }>; canceled: boolean };
const sbMoments = async () => (await h.sb<{ moments: SbMoment[] }>(`/sandbox/corps/${CORP}/moments`)).moments;

beforeAll(async () => {
  h = await startHarness(CORP);
  await h.sb(`/sandbox/corps/${CORP}/staff`, { userid: 'staff_a', name: '王导购' });
  await h.sb(`/sandbox/corps/${CORP}/staff`, { userid: 'sales_b', name: '李销售' });
  for (const [name, userid] of [['张三', 'staff_a'], ['李四', 'staff_a'], ['王五', 'staff_a'], ['赵六', 'sales_b']]) {
    ext[name] = (await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name })).external_userid;
    await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: ext[name], userid });
  }
  const client = createWecomClient({ corpId: CORP, secret: SECRET, baseUrl: h.sandbox.url });
  tagId = (await client.addCorpTag({ group_name: '会员', tag: [{ name: '高价值' }] })).tag_group.tag[0].id;
  for (const [name, userid] of [['张三', 'staff_a'], ['李四', 'staff_a'], ['赵六', 'sales_b']]) await client.markTag({ userid, external_userid: ext[name], add_tag: [tagId] });
  expect((await runSync(h, 'sync')).status).toBe('done');
  for (const [k, body] of Object.entries({
    img1: { kind: 'image', title: '新品图一', file: { name: '1.png', base64: png(1) } },
    img2: { kind: 'poster', title: '活动海报', file: { name: '2.png', base64: png(2) } },
    video: { kind: 'video', title: '视频', file: { name: 'v.mp4', base64: mp4() } },
    file: { kind: 'file', title: '价目表', file: { name: 'p.pdf', base64: Buffer.from('%PDF-1.4 list').toString('base64') } },
  })) {
    const res = await h.api<{ id: string }>('POST', '/api/materials', body);
    expect(res.status).toBe(201);
    mat[k] = res.body.id;
  }
}, 180_000);
afterAll(async () => h?.close());

describe('moments', () => {
  it('refuses bad content, senders and tags before anything is recorded or sent', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ text: '   ' }, 400, 'moment_empty'],
      [{ text: 'x'.repeat(2001) }, 400, 'invalid_request'],
      [{ materialIds: Array.from({ length: 10 }, () => mat.img1) }, 400, 'invalid_request'],
      [{ text: 'mix', materialIds: [mat.img1, mat.video] }, 400, 'material_too_many'],
      [{ text: 'file', materialIds: [mat.file] }, 400, 'material_not_attachable'],
      [{ text: 'gone', materialIds: ['00000000-0000-4000-8000-000000000000'] }, 404, 'material_not_found'],
      [{ text: 'who', senderUserids: ['nobody'] }, 400, 'moment_senders_unknown'],
      [{ text: 'tag', tagIds: ['etNOPE'] }, 400, 'moment_tags_unknown'],
    ];
    for (const [body, status, code] of cases) {
      const res = await h.api<{ code: string }>('POST', '/api/moments', body);
      expect([res.status, res.body.code], JSON.stringify(body).slice(0, 60)).toEqual([status, code]);
    }
    expect((await h.api<{ total: number }>('GET', '/api/moments')).body.total).toBe(0);
    expect(await sbMoments()).toEqual([]);
  });

  let id = '';
  it('creates the WeCom task from library images and follows its job to a moment', async () => {
    const res = await h.api<Moment>('POST', '/api/moments', {
      text: '双十二新品上市',
      materialIds: [mat.img1, mat.img2],
      senderUserids: ['staff_a', 'sales_b'],
      tagIds: [tagId],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.tags.map((t) => t.name)).toEqual(['高价值']);
    expect(res.body.senders.map((s) => s.name)).toEqual(['王导购', '李销售']);
    id = res.body.id;
    const d = await until('moment created and first results pulled', async () => {
      const { body } = await h.api<Detail>('GET', `/api/moments/${id}`);
      if (body.moment.status === 'failed') throw new Error(body.moment.error ?? 'failed');
      return body.moment.status === 'created' && body.staff.length === 2 ? body : undefined;
    }, 60_000, 100);
    expect(d.staff.map((s) => [s.name, s.published, s.visibleCustomers])).toEqual([['李销售', false, 1], ['王导购', false, 2]]);
    const [sb] = await sbMoments();
    expect(sb.senders).toEqual(['staff_a', 'sales_b']);
    expect(sb.image).toHaveLength(2);
    const media = (await h.sb<{ media: Array<{ media_id: string; usage: string }> }>(`/sandbox/corps/${CORP}/media`)).media;
    expect(sb.image!.every((i) => media.some((m) => m.media_id === i.media_id && m.usage === 'moment'))).toBe(true);
    const used = await h.api<{ useCount: number }>('GET', `/api/materials/${mat.img1}`);
    expect(used.body.useCount).toBe(1);
  });

  it('converges to the sandbox after a staff member publishes and customers like and comment', async () => {
    const [sb] = await sbMoments();
    await h.sb(`/sandbox/corps/${CORP}/moments/${sb.moment_id}/publish`, { userid: 'staff_a' });
    await h.sb(`/sandbox/corps/${CORP}/moments/${sb.moment_id}/like`, { userid: 'staff_a', external_userid: ext['张三'] });
    await h.sb(`/sandbox/corps/${CORP}/moments/${sb.moment_id}/comment`, { userid: 'staff_a', external_userid: ext['李四'], content: '好看' });
    // 王五 has no tag: never shown it, so cannot like it.
    await expect(h.sb(`/sandbox/corps/${CORP}/moments/${sb.moment_id}/like`, { userid: 'staff_a', external_userid: ext['王五'] })).rejects.toThrow(/409/);
    expect((await h.api('POST', `/api/moments/${id}/sync`)).status).toBe(202);
    const d = await until('published status pulled', async () => {
      const { body } = await h.api<Detail>('GET', `/api/moments/${id}`);
      return body.moment.publishedCount === 1 && body.moment.comments === 1 ? body : undefined;
    }, 60_000, 100);
    expect(d.moment).toMatchObject({ staffCount: 2, publishedCount: 1, likes: 1, comments: 1 });
    expect(d.staff.find((s) => s.userid === 'staff_a')).toMatchObject({ published: true, visibleCustomers: 2, shownCustomers: 2, likes: 1, comments: 1 });
    expect(d.interactions.map((i) => [i.kind, i.staffName, i.customerName]).sort()).toEqual([
      ['comment', '王导购', '李四'],
      ['like', '王导购', '张三'],
    ]);
  });

  it('cancels: staff who have not published no longer can', async () => {
    const res = await h.api<Moment>('POST', `/api/moments/${id}/cancel`);
    expect([res.status, res.body.status]).toEqual([200, 'canceled']);
    const [sb] = await sbMoments();
    expect(sb.canceled).toBe(true);
    await expect(h.sb(`/sandbox/corps/${CORP}/moments/${sb.moment_id}/publish`, { userid: 'sales_b' })).rejects.toThrow(/409/);
    expect((await h.api<{ code: string }>('POST', `/api/moments/${id}/cancel`)).body.code).toBe('moment_not_cancelable');
  });

  it('lets an analyst read moments but not send one', async () => {
    const analyst = await inviteAndAccept(h.app, h.admin.cookie, { email: 'analyst@moments.test', name: '分析师', role: 'analyst' });
    const get = await h.app.app.inject({ method: 'GET', url: `/api/moments/${id}`, headers: { cookie: analyst.cookie } });
    expect(get.statusCode).toBe(200);
    const post = await h.app.app.inject({ method: 'POST', url: '/api/moments', headers: { cookie: analyst.cookie }, payload: { text: 'x' } });
    expect(post.statusCode).toBe(403);
  });
});
