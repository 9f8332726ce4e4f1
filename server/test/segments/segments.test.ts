// Segments end to end: HTTP in, database out.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { recordEvent } from '../../src/platform/events';
import { CHURN_RULE, FRUIT_RULE } from '../../src/modules/segments/seed-demo-segments';
import { segmentsErrors } from '../../src/modules/segments/segments.errors';
import { jobsIdle } from '../helpers/jobs-idle';
import { createCorpWithRoles, startTestApp, type Session, type TestApp } from '../helpers/test-app';

const CORP = 'corp_seg';
const DAY = 86_400_000;
let app: TestApp;
let roles: Record<'admin' | 'operator' | 'staff' | 'analyst', Session>;
const ids: string[] = [];

async function api<T = Record<string, unknown>>(
  method: string,
  url: string,
  payload?: unknown,
  who: Session = roles.admin,
) {
  const res = await app.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie: who.cookie },
    payload: payload as object,
  });
  return {
    status: res.statusCode,
    body: (res.headers['content-type']?.toString().includes('json') ? res.json() : res.rawPayload) as T,
    raw: res.rawPayload,
  };
}
const db = () => app.ctx.db;
const q = <T>(fn: Parameters<typeof withCorp<T>>[2]) => withCorp(db(), CORP, fn);

async function addOrder(
  customerId: string,
  daysAgo: number,
  amount: number,
  items: Array<{ name: string; category?: string }> = [],
) {
  await q((tx) =>
    tx
      .insertInto('orders')
      .values({
        corp_id: CORP,
        customer_id: customerId,
        order_no: `o-${Math.random()}`,
        amount,
        paid_at: new Date(Date.now() - daysAgo * DAY),
        items: JSON.stringify(items.map((i) => ({ sku: i.name, quantity: 1, ...i }))),
        store_id: null,
        staff_userid: null,
      })
      .execute(),
  );
}

beforeAll(async () => {
  app = await startTestApp();
  roles = await createCorpWithRoles(app, CORP);
  await q(async (tx) => {
    await tx.insertInto('tag_groups').values({ corp_id: CORP, group_id: 'g1', name: '兴趣' }).execute();
    await tx
      .insertInto('tags')
      .values([
        { corp_id: CORP, tag_id: 'tag_vip', group_id: 'g1', name: 'VIP' },
        { corp_id: CORP, tag_id: 'tag_fruit', group_id: 'g1', name: '爱水果' },
      ])
      .execute();
    const rows = await tx
      .insertInto('customers')
      .values(
        ['甲', '乙', '丙', '丁'].map((name, i) => ({
          corp_id: CORP,
          name,
          external_userid: `wm_${i}`,
          phone: `1390000000${i}`,
          avatar: null,
          type: 1,
          gender: 1,
          unionid: null,
          corp_name: null,
        })),
      )
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
    await tx
      .insertInto('follows')
      .values(
        ids.map((id, i) => ({
          corp_id: CORP,
          customer_id: id,
          staff_userid: i < 2 ? 'staff_a' : 'staff_b',
          state: 'ch_poster',
          tag_ids: i === 0 ? ['tag_vip'] : [],
          remark: null,
          description: null,
          add_way: 1,
          oper_userid: null,
          remark_corp_name: null,
        })),
      )
      .execute();
  });
  // 甲 and 乙: important and about to churn; 丙 bought recently; 丁 nothing. 乙 bought fruit.
  for (const d of [45, 80, 100]) await addOrder(ids[0], d, 200);
  for (const d of [31, 50, 59]) await addOrder(ids[1], d, 300, d === 50 ? [{ name: '进口水果礼盒' }] : []);
  for (const d of [5, 50, 60]) await addOrder(ids[2], d, 300);
}, 60_000);
afterAll(async () => app?.cleanup());

describe('segment rules over HTTP', () => {
  it('rejects a bad rule with 400 invalid_rule and the path of the bad node', async () => {
    const bad = await api('POST', '/api/segments/preview', {
      rule: { all: [{ kind: 'orders', measure: 'count', op: 'gte', value: 'three' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_rule' });
    expect(String((bad.body as { detail: string }).detail)).toContain('/all/0/value');
    const unknownTag = await api('POST', '/api/segments/preview', {
      rule: { any: [{ not: { kind: 'tags', match: 'any', tagIds: ['nope'] } }] },
    });
    expect(unknownTag.status).toBe(400);
    expect(String((unknownTag.body as { detail: string }).detail)).toContain('/any/0/not/tagIds/0');
    const kindless = await api('POST', '/api/segments/preview', { rule: { foo: 1 } });
    expect(kindless.status).toBe(400);
  });

  it('previews the demo churn segment live: count and the first customers', async () => {
    const res = await api<{ count: number; sample: Array<{ name: string }> }>('POST', '/api/segments/preview', {
      rule: CHURN_RULE,
    });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    expect(res.body.sample.map((c) => c.name).sort()).toEqual(['乙', '甲']);
    // A staff member counts only their own customers (staff_a follows 甲 and 乙; staff_b the others).
    const staff = await api<{ count: number }>(
      'POST',
      '/api/segments/preview',
      { rule: { kind: 'orders', measure: 'count', op: 'gte', value: 1 } },
      roles.staff,
    );
    expect(staff.body.count).toBe(2);
  });

  it('creates a segment, fills it, and keeps it current when a customer changes', async () => {
    const created = await api<{ id: string; memberCount: number }>('POST', '/api/segments', {
      name: '重要且即将流失',
      rule: CHURN_RULE,
      kind: 'segment',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await app.segments.refreshNow(CORP, id);
    // The fill the creation queued has run too, so the changes below are not raced by it.
    await jobsIdle(app);
    const members = await api<{ total: number; items: Array<{ name: string }> }>('GET', `/api/segments/${id}/members`);
    expect(members.body.total).toBe(2);
    expect((await api<{ memberCount: number }>('GET', `/api/segments/${id}`)).body.memberCount).toBe(2);

    // 丙 buys nothing new but 丁 now qualifies: three orders, last 40 days ago, 600 in total.
    for (const d of [40, 70, 90]) await addOrder(ids[3], d, 200);
    await q((tx) => recordEvent(tx, CORP, { type: 'customer.updated', customerId: ids[3], data: { fields: ['order'] } }));
    // 甲 buys today: no longer about to churn.
    await addOrder(ids[0], 0, 50);
    await q((tx) => recordEvent(tx, CORP, { type: 'customer.updated', customerId: ids[0], data: { fields: ['order'] } }));

    const after = await api<{ total: number; items: Array<{ name: string }> }>('GET', `/api/segments/${id}/members`);
    expect(after.body.items.map((c) => c.name).sort()).toEqual(['丁', '乙']);
    expect((await api<{ memberCount: number }>('GET', `/api/segments/${id}`)).body.memberCount).toBe(2);
    const timeline = await q((tx) =>
      tx
        .selectFrom('events')
        .select(['customer_id', 'type', 'properties'])
        .where('corp_id', '=', CORP)
        .where('type', 'like', 'segment.%')
        .orderBy('id')
        .execute(),
    );
    expect(timeline.map((e) => [e.customer_id, e.type])).toEqual([
      [ids[3], 'segment.entered'],
      [ids[0], 'segment.exited'],
    ]);
    expect(timeline[0].properties).toMatchObject({ segmentId: id, segmentName: '重要且即将流失' });
  });

  it('keeps a dynamic tag on follows and queues it for WeCom', async () => {
    const created = await api<{ id: string }>('POST', '/api/segments', {
      name: '买过水果',
      rule: FRUIT_RULE,
      kind: 'dynamic_tag',
      tagId: 'tag_fruit',
    });
    expect(created.status).toBe(201);
    await app.segments.refreshNow(CORP, created.body.id);
    const tagged = await q((tx) =>
      tx
        .selectFrom('follows')
        .select('customer_id')
        .where('corp_id', '=', CORP)
        .where(sql<boolean>`'tag_fruit' = ANY(tag_ids)`)
        .execute(),
    );
    expect(tagged.map((f) => f.customer_id)).toEqual([ids[1]]);
    // 丙 buys apples (category 水果): tagged at once, in the same transaction as the order.
    await addOrder(ids[2], 0, 30, [{ name: '红富士', category: '水果' }]);
    await q((tx) => recordEvent(tx, CORP, { type: 'customer.updated', customerId: ids[2], data: { fields: ['order'] } }));
    const outbox = await q((tx) =>
      tx
        .selectFrom('segment_tag_outbox')
        .select(['customer_id', 'tag_id', 'op'])
        .where('corp_id', '=', CORP)
        .orderBy('id')
        .execute(),
    );
    expect(outbox).toEqual([
      { customer_id: ids[1], tag_id: 'tag_fruit', op: 'add' },
      { customer_id: ids[2], tag_id: 'tag_fruit', op: 'add' },
    ]);
    // A segment over the dynamic tag moves in the same round.
    const vipOrFruit = await api('POST', '/api/segments/preview', {
      rule: { kind: 'tags', match: 'any', tagIds: ['tag_fruit', 'tag_vip'] },
    });
    expect((vipOrFruit.body as { count: number }).count).toBe(3);
    const noTag = await api('POST', '/api/segments', {
      name: 'x',
      rule: FRUIT_RULE,
      kind: 'dynamic_tag',
      tagId: 'missing',
    });
    expect(noTag.status).toBe(400);
    expect(noTag.body).toMatchObject({ code: 'segment_tag_invalid' });
  });

  it('refuses cycles between segments and deleting a referenced segment', async () => {
    const a = await api<{ id: string }>('POST', '/api/segments', {
      name: 'A',
      rule: { kind: 'owner', staffUserids: ['staff_a'] },
      kind: 'segment',
    });
    const b = await api<{ id: string }>('POST', '/api/segments', {
      name: 'B',
      rule: { all: [{ kind: 'segment', segmentId: a.body.id }] },
      kind: 'segment',
    });
    expect(b.status).toBe(201);
    const cycle = await api('PATCH', `/api/segments/${a.body.id}`, {
      rule: { not: { kind: 'segment', segmentId: b.body.id } },
    });
    expect(cycle.status).toBe(400);
    expect(String((cycle.body as { detail: string }).detail)).toContain('cycle');
    expect(cycle.body).toMatchObject({ code: 'segment_rule_cycle', message: segmentsErrors.segment_rule_cycle['zh-CN'] });
    const self = await api('PATCH', `/api/segments/${a.body.id}`, { name: 'A2', rule: { any: [{ kind: 'segment', segmentId: a.body.id }] } });
    expect([self.status, (self.body as { code: string }).code]).toEqual([400, 'segment_rule_cycle']);
    expect((await api('GET', `/api/segments/${a.body.id}`)).body).toMatchObject({ name: 'A', rule: { kind: 'owner', staffUserids: ['staff_a'] } });
    expect((await api('DELETE', `/api/segments/${a.body.id}`)).body).toMatchObject({ code: 'segment_in_use' });
    expect((await api('DELETE', `/api/segments/${b.body.id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/segments/${a.body.id}`)).status).toBe(204);
    expect(
      (
        await api(
          'POST',
          '/api/segments',
          { name: 'nope', rule: { kind: 'owner', staffUserids: ['x'] }, kind: 'segment' },
          roles.analyst,
        )
      ).status,
    ).toBe(403);
  });

  it('searches customers by any rule with columns, sort and paging; staff see their own only', async () => {
    const body = {
      rule: { kind: 'channel', states: ['ch_poster'] },
      columns: ['name', 'phone', 'orderCount', 'orderAmount', 'tags'],
      sort: { by: 'orderAmount', dir: 'desc' },
      page: 1,
      pageSize: 2,
    };
    const res = await api<{ total: number; items: Array<Record<string, unknown>> }>(
      'POST',
      '/api/customers/search',
      body,
    );
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.items.map((r) => r.name)).toEqual(['丙', '乙']); // 丙 bought apples in the test above
    expect(Number(res.body.items[0].orderAmount)).toBe(930);
    // The console asks for the page alone and for the total separately.
    const pageOnly = await api<{ total: number | null; items: Array<Record<string, unknown>> }>(
      'POST',
      '/api/customers/search',
      { ...body, withTotal: false },
    );
    expect(pageOnly.body.total).toBeNull();
    expect(pageOnly.body.items.map((r) => r.name)).toEqual(['丙', '乙']);
    const staff = await api<{ total: number }>('POST', '/api/customers/search', { ...body, pageSize: 10 }, roles.staff);
    expect(staff.body.total).toBe(2);
    const analyst = await api<{ items: Array<{ phone: string }> }>(
      'POST',
      '/api/customers/search',
      body,
      roles.analyst,
    );
    expect(analyst.body.items[0].phone).toMatch(/\*\*\*\*/);
    expect((await api('POST', '/api/customers/search', { ...body, columns: ['password'] })).status).toBe(400);
  });

  it('exports the filtered list as XLSX and writes the audit log', async () => {
    const res = await api('POST', '/api/customers/export', { rule: { all: [] }, columns: ['name', 'owners'] });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(1).values).toEqual([undefined, 'id', 'name', 'owners']);
    const audit = await q((tx) =>
      tx
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('corp_id', '=', CORP)
        .where('action', '=', 'customers.export')
        .execute(),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({ rows: 4, columns: ['name', 'owners'] });
    expect(
      (await api('POST', '/api/customers/export', { rule: { all: [] }, columns: ['name'] }, roles.analyst)).status,
    ).toBe(403);
  });
});
