// The customer list over HTTP: avatars, order columns (against GROUP BY orders) and their sort, case-blind search.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { createCorpWithRoles, startTestApp, type Session, type TestApp } from '../helpers/test-app';

const CORP = 'corp_list';
const DAY = 86_400_000;
const AVATAR = 'https://wework.qpic.cn/wwhead/amy/0';
let app: TestApp;
let admin: Session;
const byName = new Map<string, string>();

type Row = Record<string, unknown> & { id: string; name: string };

async function search(body: Record<string, unknown>, who: Session = admin) {
  const res = await app.app.inject({
    method: 'POST',
    url: '/api/customers/search',
    headers: { cookie: who.cookie },
    payload: { rule: { all: [] }, page: 1, pageSize: 100, ...body },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ total: number | null; items: Row[] }>();
}
const q = <T>(fn: Parameters<typeof withCorp<T>>[2]) => withCorp(app.ctx.db, CORP, fn);

// The list's search box: part of the name or phone, or the exact external_userid (web customer-filter.ts).
const searchBox = (text: string) => ({
  any: [
    { kind: 'attribute', field: 'name', op: 'contains', value: text },
    { kind: 'attribute', field: 'phone', op: 'contains', value: text },
    { kind: 'attribute', field: 'external_userid', op: 'eq', value: text },
  ],
});

/** Order figures straight from the orders table. */
async function fromOrders(): Promise<Map<string, { n: number; amount: number; last: string | null }>> {
  const rows = await q((tx) =>
    sql<{ id: string; n: number; amount: number | null; last: Date | null }>`
      SELECT c.id, count(o.id) AS n, sum(o.amount) AS amount, max(o.paid_at) AS last
        FROM customers c LEFT JOIN orders o ON o.corp_id = c.corp_id AND o.customer_id = c.id
       WHERE c.corp_id = ${CORP} GROUP BY c.id`.execute(tx),
  );
  return new Map(
    rows.rows.map((r) => [
      r.id,
      { n: Number(r.n), amount: Number(r.amount ?? 0), last: r.last ? new Date(r.last).toISOString() : null },
    ]),
  );
}

beforeAll(async () => {
  app = await startTestApp();
  admin = (await createCorpWithRoles(app, CORP)).admin;
  // 25 customers, so a page of 20 cuts through them: five named ones and twenty more with 0 to 3 orders each.
  const names = ['Amy Chen', 'BOB', 'Émile', 'Dan', 'Eve', ...Array.from({ length: 20 }, (_, i) => `c${i}`)];
  await q(async (tx) => {
    const rows = await tx
      .insertInto('customers')
      .values(
        names.map((name, i) => ({
          corp_id: CORP,
          name,
          external_userid: `wm_${i}`,
          phone: `1380000${String(i).padStart(4, '0')}`,
          avatar: name === 'Amy Chen' ? AVATAR : null,
          type: 1,
          gender: 1,
          unionid: null,
          corp_name: null,
          created_at: new Date(Date.now() - i * 60_000),
        })),
      )
      .returning(['id', 'name'])
      .execute();
    for (const r of rows) byName.set(r.name, r.id);
    const orders = names.flatMap((name, i) =>
      Array.from({ length: name === 'Dan' || name === 'Eve' ? 0 : i % 4 }, (_, k) => ({
        corp_id: CORP,
        customer_id: byName.get(name)!,
        order_no: `o-${i}-${k}`,
        amount: 10.25 * (i + 1) + k,
        paid_at: new Date(Date.now() - (i * 3 + k) * DAY),
        items: '[]',
        store_id: null,
        staff_userid: null,
      })),
    );
    await tx.insertInto('orders').values(orders).execute();
    // Later changes: one order's amount corrected, another refunded away.
    await tx
      .updateTable('orders')
      .set({ amount: 1000, items: JSON.stringify([{ sku: 'F1', name: 'Fuji Apple', category: 'fruit', quantity: 1, price: 1000 }]) })
      .where('corp_id', '=', CORP)
      .where('order_no', '=', 'o-1-0')
      .execute();
    await tx.deleteFrom('orders').where('corp_id', '=', CORP).where('order_no', '=', 'o-7-2').execute();
  });
}, 60_000);
afterAll(async () => app?.cleanup());

describe('customer list', () => {
  it('returns the avatar of a customer that has one', async () => {
    const res = await search({ columns: ['name', 'avatar'] });
    const amy = res.items.find((r) => r.name === 'Amy Chen');
    expect(amy?.avatar).toBe(AVATAR);
    expect(res.items.find((r) => r.name === 'BOB')?.avatar).toBeNull();
    // Only requested columns come back.
    expect(Object.keys(amy!).sort()).toEqual(['avatar', 'id', 'name']);
  });

  it('shows order count, amount and last order as GROUP BY orders gives them, 0 / 0 / null without orders', async () => {
    const expected = await fromOrders();
    expect([...expected.values()].filter((e) => e.n === 0).length).toBeGreaterThanOrEqual(5);
    const res = await search({ columns: ['name', 'orderCount', 'orderAmount', 'lastOrderAt'] });
    expect(res.items).toHaveLength(25);
    for (const r of res.items) {
      const e = expected.get(r.id)!;
      expect({ id: r.id, n: r.orderCount, amount: r.orderAmount, last: r.lastOrderAt }).toEqual({
        id: r.id,
        n: e.n,
        amount: e.amount,
        last: e.last,
      });
    }
    // The corrected amount counts; the refunded order does not.
    expect(res.items.find((r) => r.name === 'BOB')?.orderAmount).toBe(1000);
    expect(res.items.find((r) => r.name === 'c2')?.orderCount).toBe(2);
    expect(res.items.find((r) => r.name === 'Dan')).toMatchObject({ orderCount: 0, orderAmount: 0, lastOrderAt: null });
  });

  it('sorts by the order columns with customers without orders last (desc) or first (asc), page by page', async () => {
    const expected = await fromOrders();
    const ids = [...expected.keys()];
    const key = {
      orderCount: (id: string) => expected.get(id)!.n,
      orderAmount: (id: string) => expected.get(id)!.amount,
      lastOrderAt: (id: string) => (expected.get(id)!.last ? Date.parse(expected.get(id)!.last!) : null),
    };
    for (const by of ['orderCount', 'orderAmount', 'lastOrderAt'] as const) {
      for (const dir of ['desc', 'asc'] as const) {
        // Blanks last when descending, first when ascending; ties by id in the same direction.
        const sorted = [...ids].sort((a, b) => {
          const x = key[by](a);
          const y = key[by](b);
          const cmp = x === y ? (a < b ? -1 : a > b ? 1 : 0) : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
          return dir === 'asc' ? cmp : -cmp;
        });
        const page = async (n: number) =>
          (await search({ columns: ['name', by], sort: { by, dir }, page: n, pageSize: 20 })).items.map((r) => r.id);
        const got = [...(await page(1)), ...(await page(2))];
        expect(got, `${by} ${dir}`).toEqual(sorted);
      }
    }
    // The console's first page of 20 by order count: every buyer (17, most orders first), then 3 without orders.
    const buyers = ids.filter((id) => expected.get(id)!.n > 0).length;
    expect(buyers).toBe(17);
    const counts = async (dir: 'asc' | 'desc', page: number) =>
      (
        await search({ columns: ['name', 'orderCount'], sort: { by: 'orderCount', dir }, page, pageSize: 20 })
      ).items.map((r) => r.orderCount);
    expect(await counts('desc', 1)).toEqual([3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
    expect(await counts('desc', 2)).toEqual([0, 0, 0, 0, 0]);
    expect((await counts('asc', 1)).slice(0, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('exports the order columns from the same figures', async () => {
    const expected = await fromOrders();
    const res = await app.app.inject({
      method: 'POST',
      url: '/api/customers/export',
      headers: { cookie: admin.cookie },
      payload: { rule: { all: [] }, columns: ['name', 'orderCount', 'orderAmount'] },
    });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0].getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(25);
    for (const r of rows)
      expect([r[3], r[4]]).toEqual([expected.get(String(r[1]))!.n, expected.get(String(r[1]))!.amount]);
  });

  it('search box: contains ignores the case of A–Z only', async () => {
    const names = async (text: string) =>
      (await search({ rule: searchBox(text), columns: ['name'] })).items.map((r) => r.name).sort();
    expect(await names('amy')).toEqual(['Amy Chen']);
    expect(await names('AMY CH')).toEqual(['Amy Chen']);
    expect(await names('bob')).toEqual(['BOB']);
    expect(await names('amx')).toEqual([]);
    // Letters beyond A–Z keep their case: É is found as written, é is not.
    expect(await names('ÉMILE')).toEqual(['Émile']);
    expect(await names('émile')).toEqual([]);
    // The total uses the other compiled shape of the same rule.
    expect((await search({ rule: searchBox('aMy'), columns: ['name'], withTotal: true })).total).toBe(1);
    expect((await search({ rule: searchBox('amx'), columns: ['name'], withTotal: true })).total).toBe(0);
  });

  it('an order item name filter ignores the case of A–Z the same way', async () => {
    const buyers = async (nameContains: string) =>
      (await search({ rule: { kind: 'orders', measure: 'count', op: 'gte', value: 1, item: { nameContains } }, columns: ['name'], withTotal: true }));
    for (const text of ['apple', 'FUJI APPLE', 'Fuji']) {
      const res = await buyers(text);
      expect([res.items.map((r) => r.name), res.total], text).toEqual([['BOB'], 1]);
    }
    expect((await buyers('pear')).items).toEqual([]);
  });
});
