import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { createSiyu, type Siyu } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { withCorp } from '../server/src/db/tenancy';
import { createCorpWithAdmin } from '../server/src/modules/auth/auth.repo';
import { insertKey, newKey } from '../server/src/modules/events/api-keys.repo';
import type { Rule } from '@siyu/contracts';
import { insertSegment } from '../server/src/modules/segments/segments.repo';
import { CHURN_RULE } from '../server/src/modules/segments/seed-demo-segments';
import { startPostgres } from './lib/postgres';
import type { BenchRow } from './types';

const CORP = 'wwbenchevents01';
const BATCHES = Number(process.env.BENCH_EVENT_BATCHES ?? 30);
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

async function measure(label: string, siyu: Siyu, fresh = true, segments = false): Promise<BenchRow[]> {
  if (fresh) await createCorpWithAdmin(siyu.ctx.db, { corpId: CORP, corpName: 'bench', email: `bench-${randomBytes(3).toString('hex')}@example.com`, name: 'bench', passwordHash: 'x' });
  if (segments)
    await withCorp(siyu.ctx.db, CORP, async (tx) => {
      for (const seg of SEGMENTS) await insertSegment(tx, CORP, { name: seg.name, description: '', rule: seg.rule, kind: 'segment', tagId: null, active: true }, null);
    });
  const k = newKey();
  await withCorp(siyu.ctx.db, CORP, (tx) => insertKey(tx, CORP, { name: 'bench', scopes: ['events:write'], prefix: k.prefix, hash: k.hash, createdBy: '00000000-0000-0000-0000-000000000000' }));
  const base = siyu.app.server.listening ? `http://127.0.0.1:${(siyu.app.server.address() as { port: number }).port}` : await siyu.app.listen({ port: 0, host: '127.0.0.1' });
  const bodies = Array.from({ length: BATCHES + 1 }, (_, b) => JSON.stringify({ events: batch(b) }));
  const send = async (body: string) => {
    const res = await fetch(`${base}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${k.key}` }, body });
    const json = (await res.json()) as { accepted: number; rejected: unknown[] };
    if (res.status !== 200 || json.rejected.length) throw new Error(`events bench: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json.accepted;
  };
  await send(bodies[0]); // warm-up
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
  latencies.sort((a, b) => a - b);
  const p95 = Math.round(latencies[Math.floor(latencies.length * 0.95)] ?? 0);
  console.log(`${label}: ${accepted} events in ${seconds.toFixed(2)} s → ${rate}/s, batch p95 ${p95} ms`);
  return [
    { name: `events API ingest, batches of 1,000 (${label})`, value: rate, unit: 'ev/s', target: TARGET, pass: rate >= TARGET },
    { name: `events API batch latency p95 (${label})`, value: p95, unit: 'ms', target: null, pass: null },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const silent = pino({ level: 'silent' });
  const server = startPostgres();
  if (server) {
    const dbName = `siyu_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const url = new URL(server.url);
    url.pathname = `/${dbName}`;
    const siyu = await createSiyu(loadConfig({ DATABASE_URL: url.toString(), SIYU_DEMO: 'false', SIYU_SANDBOX: 'false', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }), { logger: silent });
    try {
      rows.push(...(await measure('PostgreSQL', siyu)));
      // Again with ten active segments kept current as the events arrive (a corp that uses them).
      await withCorp(siyu.ctx.db, CORP, async (tx) => {
        await tx.deleteFrom('events').where('corp_id', '=', CORP).execute();
        await tx.deleteFrom('orders').where('corp_id', '=', CORP).execute();
      });
      rows.push(...(await measure('PostgreSQL, 10 active segments', siyu, false, true)));
      // The same run without the segments engine's per-customer re-evaluation: the ingest path alone.
      await withCorp(siyu.ctx.db, CORP, async (tx) => {
        await tx.deleteFrom('events').where('corp_id', '=', CORP).execute();
        await tx.deleteFrom('orders').where('corp_id', '=', CORP).execute();
        await tx.deleteFrom('segments').where('corp_id', '=', CORP).execute();
      });
      siyu.segments.stop();
      rows.push(...(await measure('PostgreSQL, segments listener off', siyu, false)));
    } finally {
      await siyu.stop();
      await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      server.stop();
    }
  } else {
    rows.push({ name: 'events API ingest (PostgreSQL) — skipped, no PostgreSQL', value: NaN, unit: '', target: null, pass: null });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-events-'));
  const lite = await createSiyu(loadConfig({ SIYU_DATA_DIR: dir, DATABASE_URL: '', SIYU_DEMO: 'false', SIYU_SANDBOX: 'false', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }), { logger: silent });
  try {
    rows.push(...(await measure('PGlite', lite)));
  } finally {
    await lite.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
