// The customer list's total over HTTP: the first answer carries an estimate flagged as one (the rule over a sample of
// the corp's customers, CUSTOMER_COUNT_SAMPLE = 300 here for 3,000 customers), the second request the exact count,
// equal to the members a segment of the same rule gets and to the rows of the export (and those members leave with
// their customer or their segment); a corp no larger than the sample gets the exact count at once; a total the route
// does not know is a 400.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { jobsIdle } from '../helpers/jobs-idle';
import { createCorpWithRoles, startTestApp, type Session, type TestApp } from '../helpers/test-app';

const BIG = 'corp_estimate_big';
const SMALL = 'corp_estimate_small';
const CUSTOMERS = 3_000;
let app: TestApp;
let big: Session;
let small: Session;

// Women (gender 2) with tag t1 on a live follow, or any customer who bought for 100 or more: row lookups and a sum.
const RULE = {
  any: [
    { all: [{ kind: 'attribute', field: 'gender', op: 'eq', value: 2 }, { kind: 'tags', match: 'any', tagIds: ['t1'] }] },
    { kind: 'orders', measure: 'amount', op: 'gte', value: 100 },
  ],
};

type Page = { total: number | null; totalEstimated: boolean; items: Array<{ id: string; name: string }> };

async function search(who: Session, body: Record<string, unknown>) {
  return app.app.inject({
    method: 'POST',
    url: '/api/customers/search',
    headers: { cookie: who.cookie },
    payload: { rule: RULE, page: 1, pageSize: 20, columns: ['name'], ...body },
  });
}

/** Customers generated set-based: ids from md5 (uniform, and the same sample on every run), follows, orders. */
async function seed(corpId: string, n: number) {
  await withCorp(app.ctx.db, corpId, async (tx) => {
    await tx.insertInto('tag_groups').values({ corp_id: corpId, group_id: 'g1', name: '客户' }).execute();
    await tx.insertInto('tags').values({ corp_id: corpId, tag_id: 't1', group_id: 'g1', name: '老客' }).execute();
    await sql`INSERT INTO customers (corp_id, id, external_userid, name, gender)
      SELECT ${corpId}, md5(${corpId} || i)::uuid, 'wm' || i, 'c' || i, i % 3 FROM generate_series(1, ${n}) i`.execute(tx);
    await sql`INSERT INTO follows (corp_id, customer_id, staff_userid, tag_ids, followed_at)
      SELECT ${corpId}, md5(${corpId} || i)::uuid, 's1', CASE WHEN i % 4 = 0 THEN ARRAY['t1'] ELSE '{}' END, now()
        FROM generate_series(1, ${n}) i`.execute(tx);
    await sql`INSERT INTO orders (corp_id, customer_id, order_no, amount, paid_at, items)
      SELECT ${corpId}, md5(${corpId} || i)::uuid, 'o' || i, (i % 11) * 20, now() - interval '3 days', '[]'::jsonb
        FROM generate_series(1, ${n}, 7) i`.execute(tx);
  });
}

/** The rule's members straight from the tables. */
async function realCount(corpId: string): Promise<number> {
  const { rows } = await app.ctx.database.ownerSql(`
    SELECT count(*)::int AS n FROM customers c WHERE c.corp_id = '${corpId}' AND (
      (c.gender = 2 AND EXISTS (SELECT 1 FROM follows f WHERE f.corp_id = c.corp_id AND f.customer_id = c.id
        AND f.deleted_at IS NULL AND 't1' = ANY(f.tag_ids)))
      OR (SELECT coalesce(sum(o.amount), 0) FROM orders o WHERE o.corp_id = c.corp_id AND o.customer_id = c.id) >= 100)`);
  return (rows[0] as { n: number }).n;
}

beforeAll(async () => {
  process.env.CUSTOMER_COUNT_SAMPLE = '300';
  app = await startTestApp();
  big = (await createCorpWithRoles(app, BIG)).admin;
  small = (await createCorpWithRoles(app, SMALL)).admin;
  await seed(BIG, CUSTOMERS);
  await seed(SMALL, 200);
});

afterAll(async () => {
  delete process.env.CUSTOMER_COUNT_SAMPLE;
  await app?.cleanup();
});

describe('customer list total: an estimate at once, the exact count after it', () => {
  it('answers the page with an estimate flagged as one, then the exact count equal to the members', async () => {
    const real = await realCount(BIG);
    expect(real).toBeGreaterThan(300);

    const first = await search(big, { total: 'estimate' });
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json<Page>();
    expect(page.items).toHaveLength(20);
    expect(page.totalEstimated).toBe(true);
    // About 300 of 3,000 customers sampled: within a quarter of the real figure (the sample is fixed by the ids).
    expect(Math.abs(page.total! - real) / real).toBeLessThan(0.25);

    const second = await search(big, { total: 'exact', pageSize: 1 });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json<Page>()).toMatchObject({ total: real, totalEstimated: false });

    // A segment of the same rule gets exactly that many members.
    const created = await app.app.inject({
      method: 'POST',
      url: '/api/segments',
      headers: { cookie: big.cookie },
      payload: { name: '估算对照', rule: RULE, kind: 'segment' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    await app.segments.refreshNow(BIG, id);
    await jobsIdle(app);
    const seg = await app.app.inject({ method: 'GET', url: `/api/segments/${id}`, headers: { cookie: big.cookie } });
    expect(seg.json<{ memberCount: number }>().memberCount).toBe(real);

    // The export is every matching customer, never an estimate.
    const exported = await app.app.inject({
      method: 'POST',
      url: '/api/customers/export',
      headers: { cookie: big.cookie },
      payload: { rule: RULE, columns: ['name'] },
    });
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0].rowCount - 1).toBe(real);

    // segment_members has no foreign keys (migration 0031): its cascades are statement triggers. A customer deleted
    // leaves every segment; a segment deleted takes its members with it.
    const members = async () =>
      ((await app.ctx.database.ownerSql(`SELECT count(*)::int AS n FROM segment_members WHERE segment_id = '${id}'`)).rows[0] as { n: number }).n;
    const gone = ((await app.ctx.database.ownerSql(
      `DELETE FROM customers WHERE id IN (SELECT customer_id FROM segment_members WHERE segment_id = '${id}' LIMIT 3) RETURNING id`,
    )).rows as unknown[]).length;
    expect(gone).toBe(3);
    expect(await members()).toBe(real - 3);
    const deleted = await app.app.inject({ method: 'DELETE', url: `/api/segments/${id}`, headers: { cookie: big.cookie } });
    expect(deleted.statusCode, deleted.body).toBeLessThan(300);
    expect(await members()).toBe(0);
  });

  it('counts a corp no larger than the sample exactly at once, and keeps the older switch', async () => {
    const real = await realCount(SMALL);
    const first = (await search(small, { total: 'estimate' })).json<Page>();
    expect(first).toMatchObject({ total: real, totalEstimated: false });
    expect((await search(small, {})).json<Page>()).toMatchObject({ total: real, totalEstimated: false });
    expect((await search(small, { withTotal: false })).json<Page>()).toMatchObject({ total: null, totalEstimated: false });
    expect((await search(big, { total: 'none' })).json<Page>().total).toBeNull();
  });

  it('refuses a total it does not know with a 400', async () => {
    const res = await search(big, { total: 'roughly' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string; message: string }>()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});
