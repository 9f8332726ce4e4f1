import { createHmac } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema';
import { withCorp } from '../../src/db/tenancy';
import { createCorpWithRoles, startTestApp, type Session, type TestApp } from '../helpers/test-app';

let app: TestApp;
let s: Record<Role, Session>;
let key: string;
const CORP = 'ev_corp';

const post = (payload: unknown, auth = `Bearer ${key}`) =>
  app.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: auth }, payload: payload as object });
const asAdmin = (method: string, url: string, payload?: unknown) =>
  app.app.inject({ method: method as 'GET', url, headers: { cookie: s.admin.cookie }, payload: payload as object });
const q = async <T>(text: ReturnType<typeof sql<T>>) => withCorp(app.ctx.db, CORP, async (tx) => (await text.execute(tx)).rows);

beforeAll(async () => {
  app = await startTestApp();
  s = await createCorpWithRoles(app, CORP);
  await createCorpWithRoles(app, 'ev_other');
  const res = await asAdmin('POST', '/api/api-keys', { name: 'shop', scopes: ['events:write'] });
  expect(res.statusCode).toBe(201);
  key = res.json().key;
  expect(key).toMatch(/^sk_/);
});
afterAll(async () => app?.cleanup());

describe('events API', () => {
  it('keeps good events, rejects bad ones one by one, ignores re-sent ids', async () => {
    const events = [
      { id: 'e1', type: 'page_view', customer: { phone: '+86 138-0000-0001' }, properties: { url: '/a' } },
      { id: 'e2', type: 'bad type!', customer: { phone: '13800000001' } },
      { id: 'e3', type: 'order', customer: { phone: '13800000001' }, occurredAt: '2026-01-02T03:04:05Z', properties: { amount: 88.5, items: [{ sku: 'A1', name: '苹果', category: 'fruit', quantity: 2, price: 44.25 }] } },
      { id: 'e4', type: 'order', customer: { memberId: 'm-9' }, properties: { amount: -1, items: [] } },
      { id: 'e5', type: 'signup', customer: {} },
      { id: 'e1', type: 'page_view', customer: { phone: '13800000001' } },
    ];
    const res = await post({ events });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accepted).toBe(2);
    expect(body.duplicates).toBe(1);
    expect(body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'invalid_event'],
      [3, 'invalid_order'],
      [4, 'no_identity'],
    ]);
    const again = await post({ events: events.slice(0, 1) });
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 1 });

    const rows = await q(sql<{ type: string; customer_id: string; phone: string }>`
      select e.type, e.customer_id, c.phone from events e join customers c on c.corp_id = e.corp_id and c.id = e.customer_id
       where e.corp_id = ${CORP} order by e.id`);
    expect(rows.map((r) => r.type)).toEqual(['page_view', 'order']);
    expect(new Set(rows.map((r) => r.customer_id)).size).toBe(1);
    expect(rows[0].phone).toBe('13800000001');
    const orders = await q(sql<{ order_no: string; amount: number; items: unknown }>`select order_no, amount, items from orders where corp_id = ${CORP}`);
    expect(orders).toEqual([{ order_no: 'e3', amount: 88.5, items: [{ sku: 'A1', name: '苹果', category: 'fruit', quantity: 2, price: 44.25 }] }]);
    const rfm = await q(sql<{ order_count: number }>`select order_count from customer_rfm where corp_id = ${CORP}`);
    expect(rfm).toEqual([{ order_count: 1 }]);
  });

  it('merges two profiles when an event links their identities, and the merged-away id still resolves', async () => {
    const r1 = await post({ events: [{ id: 'm1', type: 'visit', customer: { openid: 'o-1' } }, { id: 'm2', type: 'visit', customer: { memberId: 'vip-1' } }] });
    expect(r1.json().accepted).toBe(2);
    const before = await q(sql<{ customer_id: string; kind: string }>`select customer_id, kind from customer_identities where corp_id = ${CORP} and value in ('o-1', 'vip-1') order by kind`);
    expect(new Set(before.map((b) => b.customer_id)).size).toBe(2);
    const r2 = await post({ events: [{ id: 'm3', type: 'bind', customer: { openid: 'o-1', memberId: 'vip-1' } }] });
    expect(r2.json().accepted).toBe(1);
    const after = await q(sql<{ customer_id: string }>`select distinct customer_id from customer_identities where corp_id = ${CORP} and value in ('o-1', 'vip-1')`);
    expect(after).toHaveLength(1);
    const merges = await q(sql<{ from_customer_id: string; into_customer_id: string }>`select from_customer_id, into_customer_id from customer_merges where corp_id = ${CORP}`);
    expect(merges).toHaveLength(1);
    expect(merges[0].into_customer_id).toBe(after[0].customer_id);
    const evs = await q(sql<{ n: number }>`select count(*)::int as n from events where corp_id = ${CORP} and customer_id = ${after[0].customer_id} and type in ('visit', 'bind')`);
    expect(evs[0].n).toBe(3);
    const audit = await q(sql<{ action: string }>`select action from audit_log where corp_id = ${CORP} and action = 'customer.merge'`);
    expect(audit).toHaveLength(1);
    const old = await asAdmin('GET', `/api/customers/${merges[0].from_customer_id}/profile`);
    if (old.statusCode !== 404) expect(old.json().id).toBe(after[0].customer_id); // the profile route may come later
  });

  it('refuses to merge two WeCom contacts and keeps the rest of the batch', async () => {
    await withCorp(app.ctx.db, CORP, async (tx) => {
      await tx.insertInto('customers').values([
        { corp_id: CORP, external_userid: 'wmA', name: 'A', avatar: null, type: 1, gender: 1, unionid: null, phone: null, corp_name: null },
        { corp_id: CORP, external_userid: 'wmB', name: 'B', avatar: null, type: 1, gender: 1, unionid: null, phone: null, corp_name: null },
      ]).execute();
    });
    const r = await post({ events: [
      { id: 'c1', type: 'x', customer: { externalUserid: 'wmA', phone: '13900000000' } },
      { id: 'c2', type: 'x', customer: { externalUserid: 'wmB', phone: '13900000000' } },
      { id: 'c3', type: 'x', customer: { externalUserid: 'wmB' } },
    ] });
    expect(r.json().accepted).toBe(2);
    expect(r.json().rejected).toEqual([{ index: 1, id: 'c2', code: 'identity_conflict', message: expect.any(String) }]);
    const names = await q(sql<{ name: string; type: string }>`select c.name, e.type from events e join customers c on c.corp_id = e.corp_id and c.id = e.customer_id where e.corp_id = ${CORP} and e.dedupe_key in ('ext:c1', 'ext:c3') order by e.id`);
    expect(names.map((n) => n.name)).toEqual(['A', 'B']);
  });

  it('authenticates by key: missing, wrong, revoked and out-of-scope keys are refused', async () => {
    const ev = { events: [{ id: 'k1', type: 'x', customer: { phone: '13800000009' } }] };
    expect((await post(ev, '')).statusCode).toBe(401);
    expect((await post(ev, 'Bearer sk_wrongwrongwrongwrong')).json().code).toBe('invalid_api_key');
    const other = await asAdmin('POST', '/api/api-keys', { name: 'tmp', scopes: ['events:write'] });
    const list = await asAdmin('GET', '/api/api-keys');
    expect(list.json().items.map((k: { name: string }) => k.name)).toContain('tmp');
    expect(JSON.stringify(list.json())).not.toContain(other.json().key);
    expect((await post(ev, `Bearer ${other.json().key}`)).statusCode).toBe(200);
    expect((await asAdmin('DELETE', `/api/api-keys/${other.json().id}`)).statusCode).toBe(204);
    expect((await post(ev, `Bearer ${other.json().key}`)).statusCode).toBe(401);
    const operator = await app.app.inject({ method: 'POST', url: '/api/api-keys', headers: { cookie: s.operator.cookie }, payload: { name: 'x', scopes: ['events:write'] } });
    expect(operator.statusCode).toBe(403);
  });

  it('accepts HMAC-signed webhooks and refuses bad signatures', async () => {
    const { secret, path } = (await asAdmin('GET', '/api/events/webhook')).json();
    const raw = JSON.stringify({ events: [{ id: 'w1', type: 'mini_program_open', customer: { openid: 'o-w' } }] });
    const sig = createHmac('sha256', secret).update(raw).digest('hex');
    const send = (signature: string, corp = path) => app.app.inject({ method: 'POST', url: corp, headers: { 'content-type': 'application/json', 'x-siyu-signature': signature }, payload: raw });
    expect((await send(`sha256=${'0'.repeat(64)}`)).statusCode).toBe(401);
    expect((await send(`sha256=${sig}`, '/hooks/events/ev_other')).statusCode).toBe(401);
    const ok = await send(`sha256=${sig}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().accepted).toBe(1);
  });

  it('imports orders from CSV and XLSX with per-row errors', async () => {
    const csv = ['订单号,支付时间,手机号,商品名称,sku,品类,数量,单价', 'SO1,2026-01-05 10:00:00,13700000001,香蕉,B1,fruit,3,5', 'SO1,2026-01-05 10:00:00,13700000001,橙子,O1,fruit,1,12',
      'SO2,not-a-date,13700000002,梨,P1,fruit,1,3', 'SO3,2026-01-06,,梨,P1,fruit,1,3', 'SO4,2026-01-07,13700000003,牛奶,M1,dairy,2,6.5'].join('\n');
    const r = await asAdmin('POST', '/api/orders/import', { format: 'csv', content: csv });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ orders: 2, imported: 2 });
    // Each refused row carries a code the console words in the user's language (the message is for API callers).
    expect(r.json().errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([[4, 'paid_at_invalid'], [5, 'no_identity']]);
    const so1 = await q(sql<{ amount: number; items: unknown[] }>`select amount, items from orders where corp_id = ${CORP} and order_no = 'SO1'`);
    expect(so1[0].amount).toBe(27);
    expect(so1[0].items).toHaveLength(2);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('orders');
    ws.addRow(['order_no', 'paid_at', 'phone', 'amount', 'sku', 'name', 'quantity']);
    ws.addRow(['SX1', '2026-01-08T09:00:00Z', '13700000004', 99, 'G1', '葡萄', 1]);
    ws.addRow(['SX2', '2026-01-08T09:00:00Z', '13700000004', 'abc', 'G1', '葡萄', 1]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await asAdmin('POST', '/api/orders/import', { format: 'xlsx', content: buf.toString('base64') });
    expect(x.json()).toMatchObject({ orders: 1, imported: 1, errors: [{ row: 3, code: 'amount_invalid' }] });
    // A row whose order the ingestion refuses names the field at fault (an item name over 200 characters).
    const long = await asAdmin('POST', '/api/orders/import', { format: 'csv', content: `order_no,paid_at,phone,sku,name,quantity\nSL1,2026-01-09,13700000005,S1,${'x'.repeat(201)},1` });
    expect(long.json().errors).toEqual([{ row: 2, code: 'invalid_order', path: '/properties/items/0/name', message: expect.stringContaining('/properties/items/0/name') }]);
    const bad = await asAdmin('POST', '/api/orders/import', { format: 'xlsx', content: 'bm90IGEgemlw' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_file');
  });
});
