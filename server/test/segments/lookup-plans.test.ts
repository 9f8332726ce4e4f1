// Migration 0038: the functions that look customers up one key at a time keep probing indexes on a connection that
// first ran them while the corp's tables were nearly empty. Such a connection used to keep the sequential scans it
// planned then, and scanned every customer, follow and timeline row once per customer looked up (300–400 ms per
// snapshot of 110 customers after a burst of 5,000 adds). PostgreSQL only: the plans are read through auto_explain,
// which PGlite does not ship.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app';

const CORP = 'wwlookupplans';
const onPostgres = Boolean(process.env.DATABASE_URL);
let app: TestApp;
let client: pg.Client;
const plans: string[] = [];

async function addCustomers(n: number): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `WITH c AS (
       INSERT INTO customers (corp_id, external_userid, name)
       SELECT $1, 'wm_' || md5(random()::text), 'c' || g FROM generate_series(1, $2) g RETURNING id)
     INSERT INTO follows (corp_id, customer_id, staff_userid) SELECT $1, c.id, 'staff' FROM c RETURNING customer_id AS id`,
    [CORP, n],
  );
  return rows.map((r) => r.id);
}

/** The plans auto_explain reported for the statements (and the statements nested in them) that `fn` ran. */
async function plansOf(fn: () => Promise<unknown>): Promise<string> {
  plans.length = 0;
  await fn();
  return plans.join('\n');
}

beforeAll(async () => {
  if (!onPostgres) return;
  app = await startTestApp();
  await app.ctx.database.ownerSql(`INSERT INTO corps (id, name) VALUES ($1, 'lookup plans')`, [CORP]);
  client = new pg.Client({ connectionString: app.config.databaseUrl ?? undefined });
  await client.connect();
  client.on('notice', (n) => plans.push(n.message ?? ''));
  await client.query(`LOAD 'auto_explain'`);
  for (const set of [
    `SET auto_explain.log_min_duration = 0`,
    `SET auto_explain.log_nested_statements = on`,
    `SET auto_explain.log_level = notice`,
    `SET client_min_messages = notice`,
  ])
    await client.query(set);
}, 400_000);

afterAll(async () => {
  await client?.end();
  await app?.cleanup();
});

describe.skipIf(!onPostgres)('customer lookups planned on small tables', () => {
  it('still probe the indexes once the corp has thousands of customers', async () => {
    const first = await addCustomers(3);
    const snapshot = (ids: string[]) =>
      client.query(`SELECT * FROM siyu_customer_snapshots($1, $2::uuid[], $3::text[], $4::text[])`, [CORP, ids, ['follow_added'], ['follows', 'events']]);
    const timeline = (ids: string[]) =>
      client.query(`INSERT INTO events (corp_id, customer_id, type) SELECT $1, unnest($2::uuid[]), 'note_added'`, [CORP, ids]);
    // the connection plans both while the corp has three customers
    for (let i = 0; i < 6; i++) {
      await snapshot(first);
      await timeline(first);
    }
    const later = await addCustomers(4000);
    await client.query(`INSERT INTO events (corp_id, customer_id, type) SELECT $1, unnest($2::uuid[]), 'follow_added'`, [CORP, later]);

    const snapshotPlans = await plansOf(() => snapshot(later.slice(0, 50)));
    expect(snapshotPlans).toContain('siyu_customer_snapshots');
    for (const [table, index] of [
      ['customers', 'customers_pkey'],
      ['follows', 'follows_pkey'],
      ['events', 'events_customer'],
    ]) {
      expect(snapshotPlans).toMatch(new RegExp(`Index Scan using ${index} on ${table}\\b`));
      expect(snapshotPlans).not.toMatch(new RegExp(`Seq Scan on ${table}\\b`));
    }
    const { rows } = await snapshot(later.slice(0, 50));
    expect(rows).toHaveLength(50);
    expect(rows.every((r: { follows: unknown[] }) => r.follows.length === 1)).toBe(true);

    const checkPlans = await plansOf(() => timeline(later.slice(0, 50)));
    expect(checkPlans).toMatch(/Index Scan using customers_pkey on customers/);
    expect(checkPlans).not.toMatch(/Seq Scan on customers\b/);
  });
});
