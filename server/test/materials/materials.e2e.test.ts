// Material library and moments end to end (one app for both: the test lanes' time budget).
// Library: uploads checked as WeCom checks them (size, type, ≥ 5 bytes) answer 4xx with a code; folders, search,
// tags and kinds; the port uploads to the sandbox when a material is used, reuses the media_id, and uploads again
// when the sandbox's clock brings it within 12 h of its 3 days (the old id then refused there); channel welcome
// messages take library materials, checked when saved; another corp never sees a material; the analyst reads, only
// writers upload.
// Moments: bad content and unknown senders or tags answer 4xx before anything is recorded or sent; a moment of
// library images goes out as one add_moment_task (upload_attachment media, senders, tags), its WeCom job is followed
// to a moment_id; a staff member publishes in the sandbox and customers like and comment, and the pulled per-staff
// status, visible and shown counts and interactions match the sandbox's; cancel stops the others from publishing.
import { startSandbox, type Sandbox } from '@siyu/sandbox';
import { createWecomClient } from '@siyu/wecom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { getMaterials, materialAttachments, recordMaterialUse } from '../../src/modules/materials';
import { createCorpWithRoles, inviteAndAccept, type Session } from '../helpers/test-app';
import { until } from '../helpers/until';
import { runSync, SECRET, startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwmaterials1';
const OTHER = 'wwmaterials2';
let h: Harness;
let sandbox: Sandbox;
let clockOffset = 0;
let other: Record<'admin' | 'operator' | 'staff' | 'analyst', Session>;


const png = (size = 64) => {
  const b = Buffer.alloc(size, 7);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  return b.toString('base64');
};
const mp4 = (size = 64) => {
  const b = Buffer.alloc(size, 1);
  b.write('ftypisom', 4, 'latin1');
  return b.toString('base64');
};
const gif = () => Buffer.from('GIF89a-not-accepted').toString('base64');

type Material = { id: string; kind: string; title: string; useCount: number; imageUrl: string | null; fileSize: number | null; tags: string[] };
const as = (s: Session) => async <T>(method: string, url: string, payload?: unknown) => {
  const res = await h.app.app.inject({ method: method as 'GET', url, headers: { cookie: s.cookie }, payload: payload as object });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
};
let tagId = '';
const ext: Record<string, string> = {};
const mat: Record<string, string> = {};
type Moment = { id: string; status: string; error: string | null; staffCount: number; publishedCount: number; likes: number; comments: number; tags: Array<{ name: string }>; senders: Array<{ name: string }> };
type Detail = {
  moment: Moment;
  staff: Array<{ userid: string; name: string; published: boolean; visibleCustomers: number; shownCustomers: number; likes: number; comments: number }>;
  interactions: Array<{ kind: string; staffName: string; customerName: string }>;
};
type SbMoment = { moment_id: string; text: { content: string }; senders: string[]; published: string[]; image?: Array<{ media_id: string }>; canceled: boolean };
const sbMoments = async () => (await h.sb<{ moments: SbMoment[] }>(`/sandbox/corps/${CORP}/moments`)).moments;

const deps = () => ({ db: h.app.ctx.db, wecom: h.app.wecom.connections, now: () => Date.now() + clockOffset });

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 3, now: () => Date.now() + clockOffset });
  h = await startHarness(CORP, { sandbox });
  other = await createCorpWithRoles(h.app, OTHER);
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
    img1: { kind: 'image', title: '新品图一', file: { name: '1.png', base64: png(256) } },
    img2: { kind: 'poster', title: '活动海报', file: { name: '2.png', base64: png(300) } },
    video: { kind: 'video', title: '视频', file: { name: 'v.mp4', base64: mp4(256) } },
    file: { kind: 'file', title: '价目表', file: { name: 'p.pdf', base64: Buffer.from('%PDF-1.4 list').toString('base64') } },
  })) {
    const res = await h.api<{ id: string }>('POST', '/api/materials', body);
    expect(res.status).toBe(201);
    mat[k] = res.body.id;
  }
}, 180_000);
afterAll(async () => {
  await h?.close();
  await sandbox?.close();
});

describe('material library', () => {
  const ids: Record<string, string> = {};

  it('keeps text scripts, images, links with a cover, videos, files and mini-programs, in folders with tags', async () => {
    const api = as(h.admin);
    const folder = await api<{ id: string }>('POST', '/api/material-folders', { name: '新品' });
    expect(folder.status).toBe(201);
    const bodies: Record<string, Record<string, unknown>> = {
      text: { kind: 'text', title: '开场白', text: '您好，欢迎光临\n第二行', tags: ['话术'] },
      image: { kind: 'image', title: '新品海报图', folderId: folder.body.id, tags: ['新品', '图片'], file: { name: 'a.png', base64: png(2048) } },
      link: { kind: 'link', title: '活动页', url: 'https://shop.example.com/sale', description: '双十二', file: { name: 'cover.png', base64: png() } },
      video: { kind: 'video', title: '开箱视频', folderId: folder.body.id, file: { name: 'v.mp4', base64: mp4(300_000) } },
      file: { kind: 'file', title: '价目表', file: { name: 'prices.pdf', base64: Buffer.from('%PDF-1.4 price list').toString('base64') } },
      miniprogram: { kind: 'miniprogram', title: '商城', appid: 'wx0123456789abcdef', page: 'pages/index', file: { name: 'mp.png', base64: png() } },
    };
    for (const [k, body] of Object.entries(bodies)) {
      const res = await api<Material>('POST', '/api/materials', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[k] = res.body.id;
    }
    const video = await api<Material>('GET', `/api/materials/${ids.video}`);
    expect(video.body.fileSize).toBe(300_000);
    const file = await h.app.app.inject({ method: 'GET', url: `/api/materials/${ids.image}/file`, headers: { cookie: h.admin.cookie } });
    expect(file.headers['content-type']).toBe('image/png');
    expect(Buffer.from(file.rawPayload).equals(Buffer.from(png(2048), 'base64'))).toBe(true);

    const inFolder = await api<{ items: Material[]; total: number }>('GET', `/api/materials?folderId=${folder.body.id}`);
    expect(inFolder.body.items.map((m) => m.title).sort()).toEqual(['开箱视频', '新品海报图']);
    const search = await api<{ items: Material[] }>('GET', `/api/materials?q=${encodeURIComponent('欢迎')}`);
    expect(search.body.items.map((m) => m.id)).toEqual([ids.text]);
    const tagged = await api<{ items: Material[] }>('GET', `/api/materials?tag=${encodeURIComponent('新品')}`);
    expect(tagged.body.items.map((m) => m.id)).toEqual([ids.image]);
    const links = await api<{ items: Material[] }>('GET', '/api/materials?kind=link');
    expect(links.body.items[0].imageUrl).toBe(`/api/materials/${ids.link}/file`);
    const folders = await api<{ items: Array<{ name: string; materials: number }> }>('GET', '/api/material-folders');
    expect(folders.body.items).toEqual([expect.objectContaining({ name: '新品', materials: 2 })]);
    const tags = await api<{ tags: string[] }>('GET', '/api/materials/tags');
    expect(tags.body.tags).toEqual(['图片', '新品', '话术']);
  });

  it('refuses what WeCom would refuse, with a code, and keeps nothing', async () => {
    const api = as(h.admin);
    const before = (await api<{ total: number }>('GET', '/api/materials')).body.total;
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ kind: 'image', title: '大图', file: { name: 'big.png', base64: png(10 * 1024 * 1024 + 1) } }, 413, 'material_file_too_large'],
      [{ kind: 'image', title: 'gif', file: { name: 'a.gif', base64: gif() } }, 415, 'material_file_type'],
      [{ kind: 'video', title: 'avi', file: { name: 'a.avi', base64: png() } }, 415, 'material_file_type'],
      [{ kind: 'file', title: 'tiny', file: { name: 't.txt', base64: Buffer.from('abc').toString('base64') } }, 400, 'material_file_too_small'],
      [{ kind: 'image', title: 'no file' }, 400, 'material_file_required'],
      [{ kind: 'link', title: 'no url', url: 'javascript:alert(1)' }, 400, 'material_fields_invalid'],
      [{ kind: 'text', title: 'empty', text: '  ' }, 400, 'material_fields_invalid'],
      [{ kind: 'miniprogram', title: 'mp', appid: 'bad', page: 'p', file: { name: 'a.png', base64: png() } }, 400, 'material_fields_invalid'],
      [{ kind: 'text', title: 'x', text: 'y', folderId: '00000000-0000-4000-8000-000000000000' }, 404, 'material_folder_not_found'],
    ];
    for (const [body, status, code] of cases) {
      const res = await api<{ code: string }>('POST', '/api/materials', body);
      expect([res.status, res.body.code], String(body.title)).toEqual([status, code]);
    }
    expect((await api<{ total: number }>('GET', '/api/materials')).body.total).toBe(before);
  });

  it('uploads a material to WeCom when used, reuses its media_id, and uploads again near the end of its 3 days', async () => {
    const uploads = async () => (await h.sb<{ media: Array<{ media_id: string; usage: string }> }>(`/sandbox/corps/${CORP}/media`)).media;
    const first = await materialAttachments(deps(), CORP, [ids.image, ids.link, ids.file, ids.miniprogram], 'message');
    expect(first.map((a) => a.msgtype)).toEqual(['image', 'link', 'file', 'miniprogram']);
    expect(first[1]).toEqual({ msgtype: 'link', link: { title: '活动页', url: 'https://shop.example.com/sale', desc: '双十二', picurl: expect.stringMatching(/^https:\/\/wework\.qpic\.cn\//) } });
    expect((await uploads()).filter((m) => m.usage === 'temp')).toHaveLength(3);
    const again = await materialAttachments(deps(), CORP, [ids.image, ids.link, ids.file, ids.miniprogram], 'message');
    expect(again).toEqual(first);
    expect((await uploads()).filter((m) => m.usage === 'temp')).toHaveLength(3);

    // Moments need upload_attachment ids: a temp id is refused by add_moment_task.
    const client = createWecomClient({ corpId: CORP, secret: SECRET, baseUrl: sandbox.url, retry: { busyRetries: 0 } });
    const tempImage = first[0] as { image: { media_id: string } };
    await expect(client.addMomentTask({ text: { content: 'x' }, attachments: [{ msgtype: 'image', image: { media_id: tempImage.image.media_id } }] })).rejects.toMatchObject({ errcode: 40007 });
    const moment = await materialAttachments(deps(), CORP, [ids.image], 'moment');
    await expect(client.addMomentTask({ text: { content: '新品' }, attachments: moment as never })).resolves.toMatchObject({ errcode: 0 });

    // 2 days 13 hours later (the sandbox's clock): within 12 h of the end, so it goes up again; the old id, past
    // 3 days, is refused by WeCom.
    clockOffset = (2 * 24 + 13) * 3600_000;
    const later = await materialAttachments(deps(), CORP, [ids.image], 'moment');
    expect(later).not.toEqual(moment);
    await expect(client.addMomentTask({ text: { content: '新品' }, attachments: later as never })).resolves.toMatchObject({ errcode: 0 });
    clockOffset = 3 * 24 * 3600_000 + 60_000;
    await expect(client.addMomentTask({ text: { content: '旧' }, attachments: moment as never })).rejects.toMatchObject({ errcode: 40007 });
    clockOffset = 0;
  });

  it('checks the attachment rules before anything goes to WeCom', async () => {
    const count = (await h.sb<{ media: unknown[] }>(`/sandbox/corps/${CORP}/media`)).media.length;
    await expect(materialAttachments(deps(), CORP, [ids.text], 'message')).rejects.toMatchObject({ code: 'material_not_attachable' });
    await expect(materialAttachments(deps(), CORP, [ids.file], 'moment')).rejects.toMatchObject({ code: 'material_not_attachable' });
    await expect(materialAttachments(deps(), CORP, [ids.image, ids.video], 'moment')).rejects.toMatchObject({ code: 'material_too_many' });
    await expect(materialAttachments(deps(), CORP, ['00000000-0000-4000-8000-000000000000'], 'message')).rejects.toMatchObject({ code: 'material_not_found' });
    expect((await h.sb<{ media: unknown[] }>(`/sandbox/corps/${CORP}/media`)).media).toHaveLength(count);
  });

  it('counts uses and gives pickers plain summaries', async () => {
    await withCorp(h.app.ctx.db, CORP, (tx) => recordMaterialUse(tx, CORP, ids.text, 'staff_a', 'message'));
    const m = await as(h.admin)<Material>('GET', `/api/materials/${ids.text}`);
    expect(m.body.useCount).toBe(1);
    expect(await getMaterials(h.app.ctx.db, CORP, [ids.text, ids.link])).toEqual([
      { id: ids.text, kind: 'text', title: '开场白', preview: '您好，欢迎光临', imageUrl: null },
      { id: ids.link, kind: 'link', title: '活动页', preview: 'https://shop.example.com/sale', imageUrl: `/api/materials/${ids.link}/file` },
    ]);
  });

  it('gives welcome messages their attachments from the library, checked when the channel is saved', async () => {
    await h.sb(`/sandbox/corps/${CORP}/staff`, { userid: 'mat_staff', name: '素材员工' });
    const body = (materialIds: string[]) => ({ name: `欢迎语 ${materialIds.length}`, staffUserids: ['mat_staff'], welcome: { text: '您好', materialIds } });
    const ok = await h.api<{ id: string; welcome: { materialIds: string[] } }>('POST', '/api/channels', body([ids.image, ids.link]));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const stored = await h.api<{ welcome: { materialIds: string[] }; configId: string }>('GET', `/api/channels/${ok.body.id}`);
    expect(stored.body.welcome.materialIds).toEqual([ids.image, ids.link]);
    // A scan of the code: the welcome goes with the text and both materials (the image uploaded as a media id).
    const { external_userid: ext } = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: '欢迎客户' });
    await h.sb(`/sandbox/corps/${CORP}/scan-contact-way`, { external_userid: ext, config_id: stored.body.configId });
    type Sent = { external_userid: string; text: { content: string } | null; attachments: Array<{ msgtype: string; image?: { media_id?: string } }> };
    const sent = await until('the welcome with its materials', async () =>
      (await h.sb<{ welcomes_sent: Sent[] }>(`/sandbox/corps/${CORP}/state`)).welcomes_sent.find((w) => w.external_userid === ext),
    );
    expect(sent.text?.content).toBe('您好');
    expect(sent.attachments.map((a) => a.msgtype)).toEqual(['image', 'link']);
    expect(sent.attachments[0].image?.media_id).toBeTruthy();
    expect((await h.api<{ code: string }>('POST', '/api/channels', body([ids.text]))).body.code).toBe('material_not_attachable');
    expect((await h.api<{ code: string }>('POST', '/api/channels', body(['00000000-0000-4000-8000-000000000000']))).body.code).toBe('material_not_found');
  });

  it('walls corps off and lets only writers change the library', async () => {
    const theirs = as(other.admin);
    expect((await theirs('GET', `/api/materials/${ids.image}`)).status).toBe(404);
    expect((await theirs('GET', `/api/materials/${ids.image}/file`)).status).toBe(404);
    expect((await theirs<{ total: number }>('GET', '/api/materials')).body.total).toBe(0);
    expect((await theirs('DELETE', `/api/materials/${ids.image}`)).status).toBe(404);
    expect(await getMaterials(h.app.ctx.db, OTHER, [ids.image])).toEqual([]);
    await expect(materialAttachments(deps(), OTHER, [ids.image], 'message')).rejects.toMatchObject({ code: 'material_not_found' });

    expect((await as(other.analyst)('GET', '/api/materials')).status).toBe(200);
    expect((await as(other.staff)('GET', '/api/materials')).status).toBe(200);
    const denied = await as(other.analyst)<{ code: string }>('POST', '/api/materials', { kind: 'text', title: 't', text: 'x' });
    expect(denied.status).toBe(403);
    expect((await as(other.operator)('POST', '/api/materials', { kind: 'text', title: 't', text: 'x' })).status).toBe(201);

    expect((await as(h.admin)('DELETE', `/api/materials/${ids.file}`)).status).toBe(204);
    expect((await as(h.admin)('GET', `/api/materials/${ids.file}`)).status).toBe(404);
    await expect(materialAttachments(deps(), CORP, [ids.file], 'message')).rejects.toMatchObject({ code: 'material_not_found' });
  });
});

describe('moments', () => {
  it('refuses bad content, senders and tags before anything is recorded or sent', async () => {
    const sandboxMomentsBefore = (await sbMoments()).length;
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
    expect(await sbMoments()).toHaveLength(sandboxMomentsBefore);
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
    const sb = (await sbMoments()).find((x) => x.text.content === '双十二新品上市')!;
    expect(sb.senders).toEqual(['staff_a', 'sales_b']);
    expect(sb.image).toHaveLength(2);
    const media = (await h.sb<{ media: Array<{ media_id: string; usage: string }> }>(`/sandbox/corps/${CORP}/media`)).media;
    expect(sb.image!.every((i) => media.some((m) => m.media_id === i.media_id && m.usage === 'moment'))).toBe(true);
    const used = await h.api<{ useCount: number }>('GET', `/api/materials/${mat.img1}`);
    expect(used.body.useCount).toBe(1);
  });

  it('converges to the sandbox after a staff member publishes and customers like and comment', async () => {
    const sb = (await sbMoments()).find((x) => x.text.content === '双十二新品上市')!;
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
    const sb = (await sbMoments()).find((x) => x.text.content === '双十二新品上市')!;
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
