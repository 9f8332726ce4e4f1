// The console reads names, never ids, and a staff member's figures cover their own customers: rule options name tags,
// channels, staff and groups; the list, export, profile and dashboard name each follow's source; a staff member's
// dashboard, tag counts and segment counts count only the customers they follow.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { createCorpWithRoles, startTestApp, type Session, type TestApp } from '../helpers/test-app';
import { until } from '../helpers/until';

const CORP = 'corp_names';
let app: TestApp;
let roles: Record<'admin' | 'operator' | 'staff' | 'analyst', Session>;
const ids: string[] = [];

async function api<T = Record<string, unknown>>(method: string, url: string, payload?: unknown, who: Session = roles.admin, lang = 'zh-CN') {
  const res = await app.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie: who.cookie, 'accept-language': lang },
    payload: payload as object,
  });
  return { status: res.statusCode, body: (res.headers['content-type']?.toString().includes('json') ? res.json() : res.rawPayload) as T };
}

beforeAll(async () => {
  app = await startTestApp();
  roles = await createCorpWithRoles(app, CORP);
  await withCorp(app.ctx.db, CORP, async (tx) => {
    await tx.insertInto('departments').values({ corp_id: CORP, id: 2, name: '华东门店' }).execute();
    await tx
      .insertInto('staff')
      .values([
        { corp_id: CORP, userid: 'staff_a', name: '王导购', department_ids: [2] },
        { corp_id: CORP, userid: 'staff_b', name: '李导购', department_ids: [] },
      ])
      .execute();
    await tx.insertInto('tag_groups').values({ corp_id: CORP, group_id: 'g1', name: '兴趣' }).execute();
    await tx.insertInto('tags').values({ corp_id: CORP, tag_id: 'tag_fruit', group_id: 'g1', name: '爱水果' }).execute();
    await tx
      .insertInto('channel_codes')
      .values({ corp_id: CORP, name: '商场海报', state: 'ch_poster', group_id: null, config_id: null, qr_code: null, staff_userids: ['staff_a'], schedule: JSON.stringify([]), daily_cap: null, auto_accept: null, welcome: JSON.stringify({}), applied_skip_verify: null, applied_at: null })
      .execute();
    await tx.insertInto('groups').values({ corp_id: CORP, chat_id: 'wr_1', name: '水果团购群', owner_userid: 'staff_a' }).execute();
    const rows = await tx
      .insertInto('customers')
      .values(['甲', '乙', '丙'].map((name, i) => ({ corp_id: CORP, name, external_userid: `wm_n${i}` })))
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
    // 甲 (staff_a, poster), 乙 (staff_a, foreign state), 丙 (staff_b, poster); all tagged 爱水果.
    await tx
      .insertInto('follows')
      .values(
        ids.map((id, i) => ({
          corp_id: CORP,
          customer_id: id,
          staff_userid: i < 2 ? 'staff_a' : 'staff_b',
          state: i === 1 ? 'shop_xyz' : 'ch_poster',
          tag_ids: ['tag_fruit'],
        })),
      )
      .execute();
    await tx.insertInto('events').values({ corp_id: CORP, customer_id: ids[0], type: 'link_open' }).execute();
  });
}, 120_000);
afterAll(async () => app?.cleanup());

describe('names, never ids', () => {
  it('rule options name tags by group, channels, staff with department, groups and event types', async () => {
    const res = await api<Record<string, unknown>>('GET', '/api/segments/rule-options');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tags: [{ id: 'tag_fruit', name: '爱水果', groupName: '兴趣' }],
      channels: [{ state: 'ch_poster', name: '商场海报' }],
      groups: [{ chatId: 'wr_1', name: '水果团购群' }],
      eventTypes: ['link_open'],
    });
    expect(res.body.staff).toEqual(
      expect.arrayContaining([{ userid: 'staff_a', name: '王导购', department: '华东门店' }, { userid: 'staff_b', name: '李导购', department: '' }]),
    );
  });

  it('the list, export, profile and dashboard name each source; a foreign state is another source', async () => {
    const list = await api<{ items: Array<{ name: string; channels: unknown[]; owners: string[]; tags: string[] }> }>('POST', '/api/customers/search', {
      rule: { all: [] },
      columns: ['name', 'channels', 'owners', 'tags'],
      page: 1,
      pageSize: 10,
    });
    const byName = new Map(list.body.items.map((r) => [r.name, r]));
    expect(byName.get('甲')).toMatchObject({ channels: [{ kind: 'channel', name: '商场海报', state: 'ch_poster' }], owners: ['王导购'], tags: ['爱水果'] });
    expect(byName.get('乙')!.channels).toEqual([{ kind: 'other', name: null, state: 'shop_xyz' }]);

    const xlsx = await api<Buffer>('POST', '/api/customers/export', { rule: { all: [] }, columns: ['name', 'channels'] }, roles.admin, 'en-US');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const cells = book.worksheets[0].getSheetValues().flat().map(String);
    expect(cells).toContain('Channel code: 商场海报');
    expect(cells).toContain('Other source (shop_xyz)');

    const record = await api<{ follows: Array<{ attribution: unknown }> }>('GET', `/api/customers/${ids[0]}`);
    expect(record.body.follows[0].attribution).toEqual({ kind: 'channel', name: '商场海报', state: 'ch_poster' });

    const dash = await api<{ addsByChannel: Array<{ channel: string; kind: string; count: number }> }>('GET', '/api/dashboard/summary');
    expect(dash.body.addsByChannel).toEqual(
      expect.arrayContaining([{ channel: '商场海报', kind: 'channel', count: 2 }, { channel: 'shop_xyz', kind: 'other', count: 1 }]),
    );
  });
});

describe('a staff member counts their own customers only', () => {
  it('dashboard, tag counts and segment counts', async () => {
    const all = await api<{ customers: number; groups: number }>('GET', '/api/dashboard/summary');
    expect(all.body).toMatchObject({ customers: 3, groups: 1 });
    const own = await api<{ customers: number; groups: number; addsByChannel: Array<{ count: number }> }>('GET', '/api/dashboard/summary', undefined, roles.staff);
    expect(own.body).toMatchObject({ customers: 2, groups: 1 });
    expect(own.body.addsByChannel.reduce((n, r) => n + r.count, 0)).toBe(2);

    type Tree = { groups: Array<{ tags: Array<{ tagId: string; customers: number }> }> };
    const tagCount = (t: Tree) => t.groups.flatMap((g) => g.tags).find((x) => x.tagId === 'tag_fruit')!.customers;
    expect(tagCount((await api<Tree>('GET', '/api/tags')).body)).toBe(3);
    expect(tagCount((await api<Tree>('GET', '/api/tags', undefined, roles.staff)).body)).toBe(2);

    const made = await api<{ id: string }>('POST', '/api/segments', {
      name: '爱水果的客户',
      kind: 'segment',
      rule: { kind: 'tags', match: 'any', tagIds: ['tag_fruit'] },
    });
    expect(made.status).toBe(201);
    type List = { items: Array<{ id: string; memberCount: number; refreshedAt: string | null }> };
    const counted = await until('the segment counted', async () => {
      const s = (await api<List>('GET', '/api/segments')).body.items.find((x) => x.id === made.body.id);
      return s?.refreshedAt ? s : null;
    });
    expect(counted.memberCount).toBe(3);
    const staffView = (await api<List>('GET', '/api/segments', undefined, roles.staff)).body.items.find((x) => x.id === made.body.id);
    expect(staffView!.memberCount).toBe(2);
  });
});
