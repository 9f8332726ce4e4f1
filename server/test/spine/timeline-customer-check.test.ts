// The timeline's guarantee without its row-by-row foreign keys (migration 0033): a timeline row always names an
// existing customer of its own corp — on insert, through the spine's bulk path and as the owner past row security, on
// update (a merge's move) — and deleting a customer, or a corp, deletes its timeline. On PostgreSQL also under
// concurrency: a customer deleted while another transaction writes to their timeline waits for it, then removes the
// row it wrote (the check locks the customers it names, as the key did).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { recordFacts } from '../../src/platform/events';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { until } from '../helpers/until';

const A = 'wwtimelinecheck_a';
const B = 'wwtimelinecheck_b';
let app: TestApp;
const ids: Record<string, string> = {};

async function owner<T>(text: string, values: unknown[] = []): Promise<T[]> {
  return (await app.ctx.database.ownerSql(text, values)).rows as T[];
}

async function customer(corp: string, name: string): Promise<string> {
  const [row] = await owner<{ id: string }>(`INSERT INTO customers (corp_id, external_userid, name) VALUES ($1, $2, $2) RETURNING id`, [corp, `wm_${name}`]);
  ids[name] = row.id;
  return row.id;
}

async function timeline(customerId: string): Promise<number> {
  const [row] = await owner<{ n: string }>(`SELECT count(*) AS n FROM events WHERE customer_id = $1`, [customerId]);
  return Number(row.n);
}

function insertAs(corp: string, customerId: string, type = 'note_added') {
  return owner(`INSERT INTO events (corp_id, customer_id, type) VALUES ($1, $2, $3)`, [corp, customerId, type]);
}

beforeAll(async () => {
  app = await startTestApp();
  await owner(`INSERT INTO corps (id, name) VALUES ($1, 'a'), ($2, 'b')`, [A, B]);
  for (const n of ['a1', 'a2', 'a3', 'gone']) await customer(A, n);
  await customer(B, 'b1');
}, 400_000);

afterAll(async () => {
  await app?.cleanup();
});

describe('the timeline names existing customers of its corp', () => {
  it('takes rows naming customers of the corp, through the spine and as the owner', async () => {
    await withCorp(app.ctx.db, A, (tx) =>
      recordFacts(tx, A, {
        type: 'broadcast.sent',
        timeline: { type: 'broadcast_sent', source: 'broadcast' },
        facts: [ids.a1, ids.a2, ids.a1].map((customerId) => ({
          customerId,
          data: { broadcastId: '00000000-0000-0000-0000-000000000000', broadcastName: 'n', staffUserid: 's', variant: 'A' },
          properties: {},
        })),
      }),
    );
    await insertAs(A, ids.a3);
    expect([await timeline(ids.a1), await timeline(ids.a2), await timeline(ids.a3)]).toEqual([2, 1, 1]);
  });

  it('refuses a whole statement when one row names a customer that does not exist, as a foreign-key violation', async () => {
    const before = await timeline(ids.a1);
    const missing = '11111111-2222-4333-8444-555555555555';
    const err = await withCorp(app.ctx.db, A, (tx) =>
      recordFacts(tx, A, {
        type: 'broadcast.sent',
        timeline: { type: 'broadcast_sent', source: 'broadcast' },
        facts: [ids.a1, missing].map((customerId) => ({
          customerId,
          data: { broadcastId: '00000000-0000-0000-0000-000000000000', broadcastName: 'n', staffUserid: 's', variant: 'A' },
          properties: {},
        })),
      }),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: '23503' });
    expect(String((err as Error).message)).toContain('events');
    expect(await timeline(ids.a1)).toBe(before);
    expect(await timeline(missing)).toBe(0);
  });

  it("refuses a row naming another corp's customer, even from the owner past row security", async () => {
    await expect(insertAs(A, ids.b1)).rejects.toMatchObject({ code: '23503' });
    await expect(insertAs(B, ids.a1)).rejects.toMatchObject({ code: '23503' });
    expect(await timeline(ids.b1)).toBe(0);
  });

  it('refuses moving timeline rows to a customer that does not exist or is in another corp; a move within the corp works', async () => {
    await expect(owner(`UPDATE events SET customer_id = $2 WHERE corp_id = $1 AND customer_id = $3`, [A, ids.b1, ids.a3])).rejects.toMatchObject({ code: '23503' });
    await expect(owner(`UPDATE events SET corp_id = $1 WHERE corp_id = $2 AND customer_id = $3`, [B, A, ids.a3])).rejects.toMatchObject({ code: '23503' });
    await owner(`UPDATE events SET customer_id = $2 WHERE corp_id = $1 AND customer_id = $3`, [A, ids.a2, ids.a3]);
    expect([await timeline(ids.a2), await timeline(ids.a3)]).toEqual([2, 0]);
  });

  it("refuses changing a customer's key while timeline rows name it", async () => {
    await expect(owner(`UPDATE customers SET id = gen_random_uuid() WHERE id = $1`, [ids.a2])).rejects.toMatchObject({ code: '23503' });
    await owner(`UPDATE customers SET name = 'renamed' WHERE id = $1`, [ids.a2]);
    expect(await timeline(ids.a2)).toBe(2);
  });

  it("deleting customers deletes their timeline and nobody else's; deleting a corp deletes its timeline", async () => {
    await insertAs(A, ids.gone);
    await insertAs(B, ids.b1);
    await withCorp(app.ctx.db, A, (tx) => tx.deleteFrom('customers').where('corp_id', '=', A).where('id', '=', ids.gone).execute());
    expect(await timeline(ids.gone)).toBe(0);
    expect([await timeline(ids.a1), await timeline(ids.b1)]).toEqual([2, 1]);
    await owner(`DELETE FROM corps WHERE id = $1`, [B]);
    const [left] = await owner<{ n: string }>(`SELECT count(*) AS n FROM events WHERE corp_id = $1`, [B]);
    expect(Number(left.n)).toBe(0);
    expect(await timeline(ids.a1)).toBe(2);
  });

  it.skipIf(!process.env.DATABASE_URL)('a customer deleted while another transaction writes to their timeline takes that row with them', async () => {
    const target = await customer(A, 'raced');
    const [writer, deleter] = [new pg.Client({ connectionString: app.config.databaseUrl ?? undefined }), new pg.Client({ connectionString: app.config.databaseUrl ?? undefined })];
    await writer.connect();
    await deleter.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`INSERT INTO events (corp_id, customer_id, type) VALUES ($1, $2, 'note_added')`, [A, target]);
      const pid = (await deleter.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const deleted = deleter.query(`DELETE FROM customers WHERE corp_id = $1 AND id = $2`, [A, target]);
      await until('the delete to wait for the writer', async () => (await writer.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [pid])).rowCount === 1);
      await writer.query('COMMIT');
      await deleted;
      expect(await timeline(target)).toBe(0);
    } finally {
      await writer.end();
      await deleter.end();
    }
  });
});
