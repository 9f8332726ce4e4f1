// The events API (POST /api/events, batches of 1,000) on PostgreSQL and on PGlite, each with no segment and with 10
// active segments kept current as the events arrive; each case BENCH_EVENT_RUNS times, every run on a new database.
// BENCH_EVENT_CASES=<text> runs only the cases whose label contains it (e.g. "segments").
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createSiyu, type Siyu } from '../server/src/app';
import { loadavg, percentileOf, spreadOf } from './lib/samples';
import { loadConfig } from '../server/src/config';
import { withCorp } from '../server/src/db/tenancy';
import { createCorpWithAdmin } from '../server/src/modules/auth/auth.repo';
import { insertKey, newKey } from '../server/src/modules/events/api-keys.repo';
import type { Rule } from '@siyu/contracts';
import { insertSegment } from '../server/src/modules/segments/segments.repo';
import { CHURN_RULE } from '../server/src/modules/segments/seed-demo-segments';
import { startPostgres } from './lib/postgres';
import type { BenchRow } from './types';
import { createBenchDatabase } from './lib/bench-database';

const CORP = 'wwbenchevents01';
const BATCHES = Number(process.env.BENCH_EVENT_BATCHES ?? 30);
// Runs per case (BENCH_EVENT_RUNS, default 3), each on a new database: the row is the median, with its spread.
const RUNS = Math.max(1, Number(process.env.BENCH_EVENT_RUNS ?? 3));
const BATCH = 1000;
const CUSTOMERS = 20_000;
const TARGET = 5000;

function batch(b: number) {
  return Array.from({ length: BATCH }, (_, i) => {
    const n = b * BATCH + i;
    const phone = `139${String((n * 7919) % CUSTOMERS).padStart(8, '0')}`;
    if (n % 5 === 0) {
      return {
        id: `bench-${n}`,
        type: 'order',
        occurredAt: new Date(Date.now() - (n % 120) * 86_400_000).toISOString(),
        customer: { phone },
        properties: { amount: 20 + (n % 300), items: [{ sku: `SKU${n % 40}`, name: '苹果', category: n % 3 ? 'fruit' : 'dairy', quantity: 1 + (n % 3), price: 10 }] },
      };
    }
    return { id: `bench-${n}`, type: n % 2 ? 'page_view' : 'link_open', customer: { phone }, properties: { url: `/p/${n % 50}`, seconds: n % 90 } };
  });
}

/** Ten active segments of the kinds operators keep (orders, windows, behaviour, nesting). */
const SEGMENTS: Array<{ name: string; rule: Rule }> = [
  { name: 'churn', rule: CHURN_RULE },
  { name: 'fruit', rule: { kind: 'orders', measure: 'count', item: { category: 'fruit' }, op: 'gte', value: 1 } },
  { name: 'buyers 30d', rule: { kind: 'orders', measure: 'count', within: { lastDays: 30 }, op: 'gte', value: 1 } },
  { name: 'big spenders', rule: { kind: 'orders', measure: 'amount', op: 'gte', value: 500 } },
  { name: 'repeat', rule: { kind: 'orders', measure: 'count', op: 'gte', value: 3 } },
  { name: 'recent', rule: { kind: 'orders', measure: 'days_since_last', op: 'lte', value: 14 } },
  { name: 'readers', rule: { kind: 'event', eventType: 'page_view', did: true, within: { lastDays: 7 } } },
  { name: 'link openers', rule: { kind: 'event_measure', eventType: 'link_open', measure: 'count', within: { lastDays: 30 }, op: 'gte', value: 2 } },
  { name: 'never bought', rule: { not: { kind: 'orders', measure: 'count', op: 'gte', value: 1 } } },
  { name: 'nested', rule: { any: [{ all: [{ kind: 'orders', measure: 'count', op: 'gte', value: 2 }, { kind: 'event', eventType: 'page_view', did: true }] }, { kind: 'orders', measure: 'amount', within: { lastDays: 90 }, op: 'gte', value: 300 }] } },
];

type Case = { label: string; segments: boolean };
// Without segments the derive step finds no active rule and returns: the ingest path alone.
const CASES: Case[] = [
  { label: 'no segments', segments: false },
  { label: '10 active segments', segments: true },
];
const ONLY = process.env.BENCH_EVENT_CASES ?? '';

/** One run of one case on a new, empty corp: every case and run sends the same batches to the same fresh data. */
async function measure(siyu: Siyu, c: Case): Promise<{ rate: number; p95: number }> {
  await createCorpWithAdmin(siyu.ctx.db, { corpId: CORP, corpName: 'bench', email: `bench-${randomBytes(3).toString('hex')}@example.com`, name: 'bench', passwordHash: 'x' });
  if (c.segments)
    await withCorp(siyu.ctx.db, CORP, async (tx) => {
      for (const seg of SEGMENTS) await insertSegment(tx, CORP, { name: seg.name, description: '', rule: seg.rule, kind: 'segment', tagId: null, active: true }, null);
    });
  const k = newKey();
  await withCorp(siyu.ctx.db, CORP, (tx) => insertKey(tx, CORP, { name: 'bench', scopes: ['events:write'], prefix: k.prefix, hash: k.hash, createdBy: '00000000-0000-0000-0000-000000000000' }));
  const base = await siyu.app.listen({ port: 0, host: '127.0.0.1' });
  const bodies = Array.from({ length: BATCHES + 1 }, (_, b) => JSON.stringify({ events: batch(b) }));
  const send = async (body: string) => {
    const res = await fetch(`${base}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${k.key}` }, body });
    const json = (await res.json()) as { accepted: number; rejected: unknown[] };
    if (res.status !== 200 || json.rejected.length) throw new Error(`events bench: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json.accepted;
  };
  await send(bodies[0]); // warm-up (its 1,000 events create the first customers in every case alike)
  const latencies: number[] = [];
  const t0 = performance.now();
  let accepted = 0;
  let next = 1;
  const concurrency = siyu.ctx.database.kind === 'postgres' ? 2 : 1;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let b = next++; b <= BATCHES; b = next++) {
        const s = performance.now();
        const n = await send(bodies[b]);
        accepted += n;
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const rate = Math.round(accepted / seconds);
  const p95 = Math.round(percentileOf(latencies, 95));
  console.log(`  ${c.label}: ${accepted} events in ${seconds.toFixed(2)} s → ${rate}/s, batch p95 ${p95} ms (load ${loadavg()})`);
  return { rate, p95 };
}

function rowsOf(label: string, runs: Array<{ rate: number; p95: number }>): BenchRow[] {
  const rate = spreadOf(runs.map((r) => r.rate));
  const p95 = spreadOf(runs.map((r) => r.p95));
  return [
    { name: `events API ingest, batches of 1,000 (${label}), median`, value: rate.median, unit: 'ev/s', target: TARGET, pass: rate.median >= TARGET, spread: rate },
    { name: `events API batch latency p95 (${label}), median`, value: p95.median, unit: 'ms', target: null, pass: null, spread: p95 },
  ];
}

type Opened = { siyu: Siyu; close: () => Promise<void> };

/** Every case's runs on one kind of database, each run on a new one; the rows carry `<database>, <case>`. */
async function runCases(database: string, open: () => Promise<Opened>): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const c of CASES) {
    const label = `${database}, ${c.label}`;
    if (!label.includes(ONLY)) continue;
    const runs: Array<{ rate: number; p95: number }> = [];
    for (let r = 0; r < RUNS; r++) {
      const { siyu, close } = await open();
      try {
        runs.push(await measure(siyu, { ...c, label }));
      } finally {
        await close();
      }
    }
    rows.push(...rowsOf(label, runs));
  }
  return rows;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const silent = pino({ level: 'silent' });
  const settings = { SIYU_DEMO: 'false', SIYU_SANDBOX: 'false', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
  const server = startPostgres();
  if (server) {
    try {
      rows.push(
        ...(await runCases('PostgreSQL', async () => {
          // A new database and app per run: each case starts from the same empty tables.
          const database = await createBenchDatabase(server.url);
          const siyu = await createSiyu(loadConfig({ ...settings, DATABASE_URL: database.url }), { logger: silent });
          return {
            siyu,
            close: async () => {
              await siyu.stop();
              await database.release();
            },
          };
        })),
      );
    } finally {
      server.stop();
    }
  } else {
    rows.push({ name: 'events API ingest (PostgreSQL) — skipped, no PostgreSQL', value: NaN, unit: '', target: null, pass: null });
  }
  rows.push(
    ...(await runCases('PGlite', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-events-'));
      const siyu = await createSiyu(loadConfig({ ...settings, SIYU_DATA_DIR: dir, DATABASE_URL: '' }), { logger: silent });
      return {
        siyu,
        close: async () => {
          await siyu.stop();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    })),
  );
  return rows;
}
