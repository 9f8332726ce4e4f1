// Re-evaluating one customer with a long timeline (issue 14, the derive step's snapshot): customers with 40, 2,000 and
// 20,000 timeline rows over a year, against four segments that ask about the last 7 and 30 days, whether the customer
// ever viewed a page, and when first. Each sample loads the customer's snapshot and evaluates the four rules in memory,
// once with every row of the types the rules read (as before migration 0041) and once with the rows they need
// (eventSlices), alternating, on PGlite and on PostgreSQL. TIMELINE_SAMPLES (default 30) samples per figure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { evaluateRule, eventSlices, ruleSources, type Rule } from '@siyu/contracts';
import { openDatabase, type Database } from '../server/src/db/database';
import { migrate } from '../server/src/db/migrate';
import { withCorp } from '../server/src/db/tenancy';
import { createCorpWithAdmin } from '../server/src/modules/auth/auth.repo';
import { loadCustomerSnapshots } from '../server/src/modules/segments/customer-snapshot.repo';
import { startPostgres } from './lib/postgres';
import { spreadOf, spreadText } from './lib/samples';
import type { BenchRow } from './types';
import { createBenchDatabase } from './lib/bench-database';

const CORP = 'wwbenchtimeline';
const SAMPLES = Math.max(1, Number(process.env.TIMELINE_SAMPLES ?? 30));
const SIZES = [40, 2_000, 20_000];
const RULES: Rule[] = [
  { kind: 'event', eventType: 'page_view', did: true, within: { lastDays: 7 } },
  { kind: 'event_measure', eventType: 'link_open', measure: 'count', within: { lastDays: 30 }, op: 'gte', value: 2 },
  { kind: 'event', eventType: 'page_view', did: true },
  { kind: 'event_time', eventType: 'page_view', which: 'first', op: 'lte', value: { daysAgo: 90 } },
];

/** Customers with `size` rows each, a quarter of them link opens, the rest page views, evenly over the last year. */
async function seed(database: Database): Promise<Map<number, string>> {
  await createCorpWithAdmin(database.db, { corpId: CORP, corpName: 'bench', email: 'timeline@bench.test', name: 'bench', passwordHash: 'x' });
  const ids = new Map<number, string>();
  await withCorp(database.db, CORP, async (tx) => {
    for (const size of SIZES) {
      const c = await sql<{ id: string }>`INSERT INTO customers (corp_id, name) VALUES (${CORP}, ${`timeline ${size}`}) RETURNING id`.execute(tx);
      ids.set(size, c.rows[0].id);
      await sql`INSERT INTO events (corp_id, customer_id, type, source, occurred_at, properties)
        SELECT ${CORP}, ${c.rows[0].id}::uuid, CASE WHEN i % 4 = 0 THEN 'link_open' ELSE 'page_view' END, 'bench',
               now() - i * (31536000.0 / ${size}) * interval '1 second', jsonb_build_object('url', '/p/' || (i % 50), 'seconds', i % 90)
          FROM generate_series(1, ${size}) i`.execute(tx);
    }
  });
  await sql`ANALYZE events`.execute(database.db);
  return ids;
}

async function measure(label: string, database: Database): Promise<BenchRow[]> {
  const ids = await seed(database);
  const reads = ruleSources(RULES);
  const once = async (id: string, sliced: boolean) => {
    const now = new Date();
    const t0 = performance.now();
    const { snapshots } = await withCorp(database.db, CORP, (tx) =>
      loadCustomerSnapshots(tx, CORP, [id], reads, sliced ? eventSlices(RULES, now) : undefined),
    );
    const snap = snapshots.get(id)!;
    const answers = RULES.map((r) => evaluateRule(r, snap.customer!, snap.data, now));
    return { ms: performance.now() - t0, rows: snap.data.events.length, answers };
  };
  const rows: BenchRow[] = [];
  for (const size of SIZES) {
    const id = ids.get(size)!;
    const every: number[] = [];
    const needed: number[] = [];
    let shape = { every: 0, needed: 0 };
    for (let i = 0; i < SAMPLES + 2; i++) {
      const a = await once(id, false);
      const b = await once(id, true);
      if (JSON.stringify(a.answers) !== JSON.stringify(b.answers)) throw new Error(`answers differ at ${size} rows: ${a.answers} vs ${b.answers}`);
      if (i < 2) continue; // warm-up
      every.push(a.ms);
      needed.push(b.ms);
      shape = { every: a.rows, needed: b.rows };
    }
    console.log(`${label}, ${size} rows: every row (${shape.every}) ${spreadText(spreadOf(every))} ms; rows the rules need (${shape.needed}) ${spreadText(spreadOf(needed))} ms`);
    for (const [what, samples] of [[`every row of the types read (${shape.every}: what it returned before 0041)`, every], [`the rows the rules need (${shape.needed})`, needed]] as const) {
      const spread = spreadOf(samples);
      rows.push({ name: `timeline: one customer with ${size.toLocaleString('en-US')} rows, snapshot + 4 segments (${label}), ${what}, median`, value: spread.median, unit: 'ms', target: null, pass: null, spread });
    }
  }
  return rows;
}

/** Migrates a new database, measures it and closes it. */
async function measureNew(label: string, database: Database): Promise<BenchRow[]> {
  try {
    await migrate(database);
    return await measure(label, database);
  } finally {
    await database.close();
  }
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-timeline-'));
  try {
    rows.push(...(await measureNew('PGlite', await openDatabase({ databaseUrl: null, dataDir: dir }))));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const server = startPostgres();
  if (!server) return rows;
  const fresh = await createBenchDatabase(server.url, 'siyu_timeline');
  try {
    rows.push(...(await measureNew('PostgreSQL', await openDatabase({ databaseUrl: fresh.url, dataDir: '' }))));
  } finally {
    await fresh.release();
    server.stop();
  }
  return rows;
}
