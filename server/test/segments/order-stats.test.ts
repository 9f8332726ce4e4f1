// customer_order_stats stays equal to the orders it summarises through every kind of write (batch insert, merge,
// move, delete, customer deletion), and lifetime order rules read from it select what the in-memory evaluator does.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp, type Tx } from '../../src/db/tenancy';
import { mergeCustomers } from '../../src/modules/identity/merge-customers';
import { compileRule } from '../../src/modules/segments/compile-rule';
import { evaluateRule, type MemData, type Rule } from '@siyu/contracts';
import { createCorpWithRoles, startTestApp, type TestApp } from '../helpers/test-app';

const CORP = 'corp_order_stats';
const DAY = 86_400_000;
let app: TestApp;
const ids: string[] = [];
const q = <T>(fn: (tx: Tx) => Promise<T>) => withCorp(app.ctx.db, CORP, fn);

type Stat = { customer_id: string; order_count: number; order_amount: string; first_paid_at: Date; last_paid_at: Date };

async function statsVsOrders(): Promise<{ stats: Stat[]; fromOrders: Stat[] }> {
  return q(async (tx) => {
    const stats = await sql<Stat>`SELECT customer_id, order_count, order_amount::text, first_paid_at, last_paid_at
      FROM customer_order_stats WHERE corp_id = ${CORP} ORDER BY customer_id`.execute(tx);
    const fromOrders = await sql<Stat>`SELECT customer_id, count(*)::int AS order_count, sum(amount)::numeric(16,2)::text AS order_amount,
        min(paid_at) AS first_paid_at, max(paid_at) AS last_paid_at
      FROM orders WHERE corp_id = ${CORP} GROUP BY customer_id ORDER BY customer_id`.execute(tx);
    return { stats: stats.rows, fromOrders: fromOrders.rows };
  });
}

async function addOrders(rows: Array<[customer: number, daysAgo: number, amount: number]>) {
  await q((tx) =>
    tx
      .insertInto('orders')
      .values(
        rows.map(([c, d, amount], i) => ({
          corp_id: CORP,
          customer_id: ids[c],
          order_no: `o-${Date.now()}-${i}-${Math.random()}`,
          amount,
          paid_at: new Date(Date.now() - d * DAY),
          items: '[]',
          store_id: null,
          staff_userid: null,
        })),
      )
      .execute(),
  );
}

beforeAll(async () => {
  app = await startTestApp();
  await createCorpWithRoles(app, CORP);
  const rows = await q((tx) =>
    tx
      .insertInto('customers')
      .values(
        ['甲', '乙', '丙', '丁', '戊'].map((name, i) => ({ corp_id: CORP, name, external_userid: `wm_os_${i}` })),
      )
      .returning('id')
      .execute(),
  );
  ids.push(...rows.map((r) => r.id));
});
afterAll(async () => app?.cleanup());

describe('customer_order_stats', () => {
  it('follows batch inserts, merges, moves and deletes', async () => {
    await addOrders([
      [0, 45, 200],
      [0, 80, 200],
      [0, 100, 200.5],
      [1, 31, 300],
      [1, 59, 300],
      [2, 2, 80],
    ]);
    let s = await statsVsOrders();
    expect(s.stats.length).toBe(3);
    expect(s.stats).toEqual(s.fromOrders);
    const first = s.stats.find((r) => r.customer_id === ids[0])!;
    expect([first.order_count, first.order_amount]).toEqual([3, '600.50']);

    await addOrders([[0, 1, 10]]); // adds to an existing row
    await q((tx) => mergeCustomers(tx, CORP, { fromId: ids[1], intoId: ids[3], reason: 'test', actorUserId: null }));
    s = await statsVsOrders();
    expect(s.stats).toEqual(s.fromOrders);
    expect(s.stats.map((r) => r.customer_id)).not.toContain(ids[1]);
    expect(s.stats.find((r) => r.customer_id === ids[3])?.order_count).toBe(2);

    await q((tx) =>
      sql`DELETE FROM orders WHERE corp_id = ${CORP} AND customer_id = ${ids[0]} AND amount = 200`.execute(tx),
    );
    await q((tx) => sql`DELETE FROM orders WHERE corp_id = ${CORP} AND customer_id = ${ids[2]}`.execute(tx));
    await q((tx) => sql`DELETE FROM customers WHERE corp_id = ${CORP} AND id = ${ids[3]}`.execute(tx));
    s = await statsVsOrders();
    expect(s.stats).toEqual(s.fromOrders);
    expect(s.stats.map((r) => r.customer_id)).toEqual([ids[0]]);
  });

  it('lifetime order rules select what the in-memory evaluator selects, alone and merged under all', async () => {
    await addOrders([
      [4, 40, 150],
      [4, 50, 150],
      [4, 55, 250],
      [2, 5, 20],
    ]);
    const now = new Date();
    const data = await q(async (tx): Promise<MemData> => {
      const customers = await tx.selectFrom('customers').selectAll().where('corp_id', '=', CORP).execute();
      const orders = await tx
        .selectFrom('orders')
        .select(['customer_id', 'amount', 'paid_at', 'items'])
        .where('corp_id', '=', CORP)
        .execute();
      return {
        customers: customers.map((c) => ({ ...c, created_at: new Date(c.created_at) })),
        follows: [],
        events: [],
        orders: orders.map((o) => ({ ...o, amount: Number(o.amount), items: [] })),
        groupMembers: [],
        stages: [],
        rfm: [],
        points: [],
        customFields: [],
      } as MemData;
    });
    const rules: Rule[] = [
      { kind: 'orders', measure: 'count', op: 'gte', value: 3 },
      { kind: 'orders', measure: 'count', op: 'lt', value: 2 }, // true for customers who never bought
      {
        all: [
          { kind: 'orders', measure: 'count', op: 'gte', value: 3 },
          { kind: 'orders', measure: 'days_since_last', op: 'between', value: [30, 60] },
          { kind: 'orders', measure: 'amount', op: 'gte', value: 500 },
        ],
      },
      {
        all: [
          { kind: 'orders', measure: 'amount', op: 'lt', value: 100 },
          { kind: 'orders', measure: 'count', op: 'lte', value: 1 },
        ],
      },
      {
        all: [
          { kind: 'orders', measure: 'amount', op: 'lt', value: 100 },
          { kind: 'orders', measure: 'days_since_last', op: 'lte', value: 10 },
        ],
      },
      { not: { all: [{ kind: 'orders', measure: 'count', op: 'gte', value: 1 }] } },
    ];
    for (const rule of rules) {
      const expected = data.customers
        .filter((c) => evaluateRule(rule, c, data, now))
        .map((c) => c.id)
        .sort();
      for (const mode of ['set', 'row'] as const) {
        const match = compileRule(rule, { corpId: CORP, now, mode });
        const got = await q((tx) =>
          sql<{ id: string }>`SELECT c.id FROM customers c WHERE c.corp_id = ${CORP} AND ${match} ORDER BY c.id`.execute(
            tx,
          ),
        );
        expect(got.rows.map((r) => r.id).sort(), `${mode} ${JSON.stringify(rule)}`).toEqual(expected);
      }
    }
    // The demo churn rule picks 戊 (3 orders, 550 in total, last 40 days ago) only.
    const churn = data.customers.filter((c) => evaluateRule(rules[2], c, data, now)).map((c) => c.name);
    expect(churn).toEqual(['戊']);
  });
});
