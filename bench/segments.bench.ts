// Segments on PostgreSQL with generated data (default 1,000,000 customers / 10,000,000 events; SEG_BENCH_SCALE=0.1
// for a quick run): full recompute of the demo churn segment and of a 3-level nested rule, the same queries in DuckDB
// on the same data, incremental re-evaluation of one customer against 100 active segments, and the filtered list.
import fs from 'node:fs';
import { loadDuckDB } from './lib/duckdb';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../server/src/db/database';
import { migrate } from '../server/src/db/migrate';
import { withCorp } from '../server/src/db/tenancy';
import { compileRule, compileRuleIds } from '../server/src/modules/segments/compile-rule';
import { searchCustomers } from '../server/src/modules/customers/customer-search.repo';
import { createDefinitionsCache, reevaluateCustomer } from '../server/src/modules/segments/reevaluate-customer';
import type { Rule } from '@siyu/contracts';
import { allSegments, type ActiveSegment } from '../server/src/modules/segments/segments.repo';
import { recomputeAsPlanned } from '../server/src/modules/segments/refresh-segments.job';
import { scheduledRecompute } from '../server/src/modules/segments/recompute-scope';
import { clockEdgeCustomers } from '../server/src/modules/segments/clock-edge-customers';
import { CHURN_RULE } from '../server/src/modules/segments/seed-demo-segments';
import { applyStageRules } from '../server/src/modules/stages/apply-stage-rules.job';
import { createRun } from '../server/src/modules/stages/stage-rule-runs.repo';
import { startPostgres } from './lib/postgres';
import { createBenchDatabase } from './lib/bench-database';
import { percentileOf, round, spreadOf, spreadText, timeSamples } from './lib/samples';
import type { BenchRow } from './types';
import { prepareRuleScan } from '../server/src/db/rule-scan';

const CORP = 'wwbenchsegments';
const SCALE = Number(process.env.SEG_BENCH_SCALE ?? 1);
const CUSTOMERS = Math.round(1_000_000 * SCALE);
const EVENTS = Math.round(10_000_000 * SCALE);
const ORDERS = Math.round(3_000_000 * SCALE);
// Samples per figure: SEG_BENCH_SAMPLES warm evaluations / recomputes / stage runs (default 5), SEG_BENCH_FILLS first
// fills (default 3), SEG_BENCH_LIST_SAMPLES list pages (default 25), SEG_BENCH_INCREMENTAL re-evaluations (default 3,000).
const SAMPLES = Math.max(1, Number(process.env.SEG_BENCH_SAMPLES ?? 5));
const FILLS = Math.max(1, Number(process.env.SEG_BENCH_FILLS ?? 3));
const LIST_SAMPLES = Math.max(1, Number(process.env.SEG_BENCH_LIST_SAMPLES ?? 25));
const INCREMENTAL = Math.max(1, Number(process.env.SEG_BENCH_INCREMENTAL ?? 3000));

export const NESTED_RULE: Rule = {
  all: [
    {
      any: [
        { kind: 'tags', match: 'any', tagIds: ['t1'] },
        {
          all: [
            {
              kind: 'event',
              eventType: 'buy',
              did: true,
              within: { lastDays: 30 },
              where: [{ property: 'amount', op: 'gt', value: 50 }],
            },
            { not: { kind: 'channel', states: ['ch3'] } },
          ],
        },
      ],
    },
    { kind: 'orders', measure: 'amount', within: { lastDays: 90 }, op: 'gte', value: 100 },
    { kind: 'attribute', field: 'gender', op: 'eq', value: 2 },
  ],
};

// The same two rules by hand for DuckDB (the bench's limit: a columnar engine with the data in memory). "30–60 days
// since the last order" is written as a range of constant instants: DuckDB's per-row timestamptz arithmetic is slow.
function duckQueries(nowIso: string): Record<'churn' | 'churnStats' | 'nested', string> {
  const now = `TIMESTAMPTZ '${nowIso}'`;
  return {
    // PostgreSQL answers the churn rule from customer_order_stats (kept by triggers); DuckDB gets both forms.
    churnStats: `SELECT count(*) FROM customers c WHERE c.id IN (
      SELECT customer_id FROM order_stats WHERE order_count >= 3 AND order_amount >= 500
        AND last_paid_at > ${now} - INTERVAL 61 DAY AND last_paid_at <= ${now} - INTERVAL 30 DAY)`,
    churn: `SELECT count(*) FROM customers c WHERE c.id IN (
      SELECT customer_id FROM orders GROUP BY customer_id
      HAVING count(*) >= 3 AND sum(amount) >= 500
        AND max(paid_at) > ${now} - INTERVAL 61 DAY AND max(paid_at) <= ${now} - INTERVAL 30 DAY)`,
    nested: `SELECT count(*) FROM customers c WHERE
      (c.id IN (SELECT customer_id FROM follows WHERE deleted_at IS NULL AND list_contains(string_split(tags, ','), 't1'))
       OR (c.id IN (SELECT customer_id FROM events WHERE type = 'buy' AND occurred_at >= ${now} - INTERVAL 30 DAY AND amount > 50)
           AND c.id NOT IN (SELECT customer_id FROM follows WHERE state = 'ch3')))
      AND c.id IN (SELECT customer_id FROM orders WHERE paid_at >= ${now} - INTERVAL 90 DAY GROUP BY customer_id HAVING sum(amount) >= 100)
      AND c.gender = 2`,
  };
}

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

/** A row from samples: the median (or the percentile named) against the target, lower is better; spread kept. */
function row(name: string, samples: number[], target: number | null, stat: 'median' | 'p95' | 'p99' = 'median'): BenchRow {
  const spread = spreadOf(samples);
  const value = stat === 'median' ? spread.median : round(percentileOf(samples, stat === 'p95' ? 95 : 99));
  const label = stat === 'median' ? `${name}, median` : name;
  return { name: label, value, unit: 'ms', target, pass: target === null ? null : value <= target, spread };
}

// 100 varied active segments for the incremental test.
function hundredRules(): Rule[] {
  const out: Rule[] = [];
  for (let i = 0; i < 100; i++) {
    const k = i % 5;
    if (k === 0)
      out.push({
        kind: 'event',
        eventType: ['view', 'click', 'buy', 'share'][i % 4],
        did: true,
        within: { lastDays: 7 + i },
      });
    else if (k === 1)
      out.push({
        kind: 'event_measure',
        eventType: 'view',
        measure: 'count',
        within: { lastDays: 30 + i },
        op: 'gte',
        value: 1 + (i % 7),
      });
    else if (k === 2)
      out.push({
        all: [
          { kind: 'orders', measure: 'amount', op: 'gte', value: 50 * (i % 9) },
          { kind: 'tags', match: 'any', tagIds: [`t${i % 5}`] },
        ],
      });
    else if (k === 3)
      out.push({
        any: [
          { kind: 'orders', measure: 'days_since_last', op: 'lte', value: i },
          { kind: 'attribute', field: 'gender', op: 'eq', value: i % 3 },
        ],
      });
    else
      out.push({
        not: { kind: 'event', eventType: 'share', did: true, where: [{ property: 'amount', op: 'gt', value: i }] },
      });
  }
  return out;
}

export async function run(): Promise<BenchRow[]> {
  // SEG_BENCH_REUSE_URL: a database a previous run generated (kept when set), to re-measure without regenerating.
  const reuse = process.env.SEG_BENCH_REUSE_URL;
  const server = reuse ? { url: reuse, stop: () => {}, keep: () => '' } : startPostgres();
  if (!server)
    return [{ name: 'segments (PostgreSQL) — skipped, no PostgreSQL', value: NaN, unit: '', target: null, pass: null }];
  const fresh = reuse ? null : await createBenchDatabase(server.url, 'siyu_seg');
  const dbUrl = reuse ?? fresh!.url;
  const database = await openDatabase({ databaseUrl: dbUrl, dataDir: '' });
  const rows: BenchRow[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-seg-duck-'));
  fs.chmodSync(tmp, 0o777);
  try {
    await migrate(database);
    const owner = (q: string) => database.ownerSql(q);
    let t0 = performance.now();
    if (reuse) {
      await owner(`DELETE FROM segments WHERE corp_id = '${CORP}'`);
      await owner(`DELETE FROM pipelines WHERE corp_id = '${CORP}'`);
      await owner(`DELETE FROM events WHERE corp_id = '${CORP}' AND source <> 'bench'`);
    } else {
      // ---- data generation, server side. Events and orders are written in time order over the last 180 / 200 days,
      // as they arrive in production, for customers picked by hash.
      await owner(`INSERT INTO corps (id, name) VALUES ('${CORP}', 'bench')`);
      await owner(`SET session_replication_role = replica; INSERT INTO customers (corp_id, id, external_userid, name, gender, phone, created_at)
      SELECT '${CORP}', md5('c' || i)::uuid, 'wm' || i, 'c' || i, (i % 3), '139' || lpad(i::text, 8, '0'), now() - (i % 700) * interval '1 day'
        FROM generate_series(1, ${CUSTOMERS}) i`);
      await owner(`SET session_replication_role = replica; INSERT INTO follows (corp_id, customer_id, staff_userid, state, tag_ids, followed_at)
      SELECT '${CORP}', md5('c' || i)::uuid, 's' || (i % 50), 'ch' || (i % 7),
             CASE WHEN i % 4 = 0 THEN ARRAY['t' || (i % 5)] WHEN i % 4 = 1 THEN ARRAY['t' || (i % 5), 't' || ((i + 1) % 5)] ELSE '{}' END, now()
        FROM generate_series(1, ${CUSTOMERS}) i`);
      const customersMs = ms(t0);
      t0 = performance.now();
      await owner(`SET session_replication_role = replica; INSERT INTO events (corp_id, customer_id, type, source, occurred_at, properties)
      SELECT '${CORP}', md5('c' || (1 + (hashint % ${CUSTOMERS})))::uuid, (ARRAY['view','click','buy','share'])[1 + (i % 4)], 'bench',
             now() - (${EVENTS} - i) * (15552000.0 / ${EVENTS}) * interval '1 second', jsonb_build_object('amount', i % 100)
        FROM (SELECT i, abs(hashtext(i::text)) AS hashint FROM generate_series(1, ${EVENTS}) i) s`);
      const eventsMs = ms(t0);
      t0 = performance.now();
      await owner(`SET session_replication_role = replica; INSERT INTO orders (corp_id, customer_id, order_no, amount, paid_at, items)
      SELECT '${CORP}', md5('c' || (1 + (abs(hashtext('o' || i)) % ${CUSTOMERS})))::uuid, 'o' || i, (i % 400) + 0.5,
             now() - (${ORDERS} - i) * (17280000.0 / ${ORDERS}) * interval '1 second',
             jsonb_build_array(jsonb_build_object('sku', 'k' || (i % 30), 'name', (ARRAY['苹果','牛奶','薯片'])[1 + (i % 3)], 'category', (ARRAY['水果','乳品','零食'])[1 + (i % 3)], 'quantity', 1))
        FROM generate_series(1, ${ORDERS}) i`);
      await owner(`RESET session_replication_role`);
      // The bulk load above bypasses triggers: build the per-customer order figures they would have kept.
      await owner(`SELECT siyu_rebuild_order_stats('${CORP}')`);
      for (const t of ['customers', 'follows', 'events', 'orders', 'customer_order_stats']) await owner(`VACUUM ANALYZE ${t}`);
      const ordersMs = ms(t0);
      console.log(
        `generated ${CUSTOMERS} customers+follows in ${customersMs} ms, ${EVENTS} events in ${eventsMs} ms, ${ORDERS} orders (+ANALYZE) in ${ordersMs} ms`,
      );
      rows.push({
        name: `data: ${CUSTOMERS} customers + follows (generate_series)`,
        value: Math.round(customersMs / 1000),
        unit: 's',
        target: null,
        pass: null,
      });
      rows.push({
        name: `data: ${EVENTS} events`,
        value: Math.round(eventsMs / 1000),
        unit: 's',
        target: null,
        pass: null,
      });
      rows.push({
        name: `data: ${ORDERS} orders + VACUUM ANALYZE`,
        value: Math.round(ordersMs / 1000),
        unit: 's',
        target: null,
        pass: null,
      });
    }

    const now = new Date();
    const db = database.db;
    // ---- full evaluation, first fill and steady-state recompute on PostgreSQL, each with its spread
    const pgEval: Record<'churn' | 'nested', number> = { churn: NaN, nested: NaN };
    for (const [key, name, rule] of [
      ['churn', 'demo churn segment', CHURN_RULE],
      ['nested', '3-level nested rule', NESTED_RULE],
    ] as const) {
      // The customers the refresh job's recompute evaluates (its `m`): the rule's id query when it has one.
      const evaluate = () => withCorp(db, CORP, async (tx) => {
        await prepareRuleScan(tx); // what the refresh job sets
        const match = compileRule(rule, { corpId: CORP, now, mode: 'set' });
        const ids = compileRuleIds(rule, { corpId: CORP, now, mode: 'set' });
        const from = ids ?? sql`SELECT c.id FROM customers c WHERE c.corp_id = ${CORP} AND ${match}`;
        return Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (${from}) m`.execute(tx)).rows[0].n);
      });
      const count = await evaluate();
      const evalRuns = await timeSamples(SAMPLES, evaluate);
      pgEval[key] = spreadOf(evalRuns).median;
      rows.push(row(`PG full evaluation, ${name} (${count} of ${CUSTOMERS}), warm`, evalRuns, 1000));
      // First fill: each sample a new segment with no members yet (the one before it deleted, members and all).
      const fills: number[] = [];
      let seg: ActiveSegment | null = null;
      for (let i = 0; i < FILLS; i++) {
        if (seg) await withCorp(db, CORP, (tx) => tx.deleteFrom('segments').where('corp_id', '=', CORP).where('id', '=', seg!.id).execute());
        const id = await withCorp(db, CORP, async (tx) =>
          (await tx.insertInto('segments').values({ corp_id: CORP, name: `${name} ${i}`, rule: JSON.stringify(rule), kind: 'segment', tag_id: null }).returning('id').executeTakeFirstOrThrow()).id,
        );
        seg = (await withCorp(db, CORP, (tx) => allSegments(tx, CORP))).find((x) => x.id === id)!;
        const t0 = performance.now();
        await withCorp(db, CORP, (tx) => recomputeAsPlanned(tx, CORP, seg!, { kind: 'full' }, { segments: new Map(), now: new Date(), emit: false }));
        fills.push(performance.now() - t0);
      }
      rows.push(row(`PG segment first fill incl. writes, ${name}`, fills, 3000));
      // Over every customer: a request, an edit, and the daily pass.
      const again = await timeSamples(SAMPLES, () =>
        withCorp(db, CORP, (tx) => recomputeAsPlanned(tx, CORP, seg!, { kind: 'full' }, { segments: new Map(), now: new Date(), emit: true })), 0);
      rows.push(row(`PG segment recompute over every customer incl. writes (a request, the daily pass), ${name}`, again, null));
      // What the 15-minute schedule runs in between: the customers with a row at one of the rule's clock edges in the
      // 15 minutes since the last pass, each evaluated on its own (recompute-scope.ts). Each sample sets the last pass
      // 15 minutes back first (not timed).
      const scheduled: number[] = [];
      let atEdges = 0;
      for (let i = 0; i < SAMPLES; i++) {
        const now = new Date();
        await withCorp(db, CORP, (tx) => tx.updateTable('segments').set({ clock_checked_at: new Date(now.getTime() - 15 * 60_000) }).where('corp_id', '=', CORP).where('id', '=', seg!.id).execute());
        seg = (await withCorp(db, CORP, (tx) => allSegments(tx, CORP))).find((x) => x.id === seg!.id)!;
        const plan = scheduledRecompute(seg, new Map(), now);
        if (plan.kind !== 'edges') throw new Error(`segments bench: the schedule would run ${plan.kind} for ${name}`);
        atEdges = Number((await withCorp(db, CORP, (tx) => sql<{ n: number }>`SELECT count(*) AS n FROM (${clockEdgeCustomers(CORP, plan.edges, plan.since, now)}) x`.execute(tx))).rows[0].n);
        const t0 = performance.now();
        await withCorp(db, CORP, (tx) => recomputeAsPlanned(tx, CORP, seg!, plan, { segments: new Map(), now, emit: true }));
        scheduled.push(performance.now() - t0);
      }
      rows.push(row(`PG segment steady-state recompute as scheduled every 15 min (${atEdges} customers at its clock edges), ${name}`, scheduled, 1500));
      console.log(`${name}: ${count} members; evaluation ${spreadText(spreadOf(evalRuns))} ms, first fill ${spreadText(spreadOf(fills))} ms, recompute ${spreadText(spreadOf(again))} ms, scheduled ${spreadText(spreadOf(scheduled))} ms (${atEdges} at edges)`);
    }

    // ---- the customer list filtered by a rule, and its total, as the list route runs them (no work_mem of its own):
    // the console's first request answers with the page and an estimated total (the rule over a uniform sample of
    // about 10,000 customers, customer-count.repo.ts), its second with the exact count, which replaces it. Both are
    // interleaved with the full evaluation of the same rule so that all three are measured warm in the same minutes.
    const listQuery = (rule: Rule, total: 'none' | 'estimate' | 'exact', i: number, limit = 20) =>
      withCorp(db, CORP, (tx) =>
        searchCustomers(tx, {
          corpId: CORP,
          match: compileRule(rule, { corpId: CORP, now: new Date(), mode: 'row' }),
          countMatch: compileRule(rule, { corpId: CORP, now: new Date(), mode: 'set' }),
          columns: ['name', 'phone', 'owners', 'tags', 'orderCount', 'lastOrderAt'],
          sort: { by: 'createdAt', dir: 'desc' },
          limit,
          offset: (Math.abs(i) % 5) * 20,
          staffUserid: null,
          total,
        }),
      );
    const pageTimes = await timeSamples(LIST_SAMPLES, (i) => listQuery(NESTED_RULE, 'none', i), 3);
    rows.push(row('customer list filtered by the nested rule, page of 20 (no total), p95', pageTimes, 200, 'p95'));
    const evalNested = () => withCorp(db, CORP, async (tx) => {
      await prepareRuleScan(tx);
      const m = compileRule(NESTED_RULE, { corpId: CORP, now: new Date(), mode: 'set' });
      await sql`SELECT count(*) FROM customers c WHERE c.corp_id = ${CORP} AND ${m}`.execute(tx);
    });
    const firstTimes: number[] = [];
    const exactTimes: number[] = [];
    const evalTimes: number[] = [];
    await listQuery(NESTED_RULE, 'estimate', 0);
    await listQuery(NESTED_RULE, 'exact', 0, 1);
    await evalNested();
    for (let i = 0; i < SAMPLES; i++) {
      let t0 = performance.now();
      await listQuery(NESTED_RULE, 'estimate', i);
      firstTimes.push(performance.now() - t0);
      t0 = performance.now();
      await listQuery(NESTED_RULE, 'exact', 0, 1); // the console's second request: a page of 1 and the exact count
      exactTimes.push(performance.now() - t0);
      t0 = performance.now();
      await evalNested();
      evalTimes.push(performance.now() - t0);
    }
    rows.push(row('customer list total for a rule: first answer, page of 20 + estimated total (nested rule), warm', firstTimes, 500));
    rows.push(row('customer list total for a rule: the exact count after it (second request, nested rule), warm', exactTimes, null));
    rows.push(row('  same minutes: full evaluation of the nested rule (count, work_mem 128MB), warm', evalTimes, 1000));
    // How far the estimate is from the exact count, for both rules (the sample is fixed for a given corp: this is the
    // error the console shows until the exact count arrives).
    for (const [name, rule] of [['nested rule', NESTED_RULE], ['demo churn rule', CHURN_RULE]] as const) {
      const est = await listQuery(rule, 'estimate', 0);
      const exact = await listQuery(rule, 'exact', 0, 1);
      const error = exact.total ? round((100 * ((est.total ?? 0) - exact.total)) / exact.total) : 0;
      console.log(`estimate, ${name}: ${est.total} (${est.totalEstimated ? 'estimated' : 'exact'}) vs exact ${exact.total}: ${error} %`);
      rows.push({ name: `  estimate vs exact count, ${name}: ${est.total} vs ${exact.total}`, value: error, unit: '%', target: null, pass: null });
    }

    // ---- the customer list sorted by an order column: the whole corp ordered by customer_order_stats
    const sortTimes = await timeSamples(LIST_SAMPLES, () =>
      withCorp(db, CORP, (tx) =>
        searchCustomers(tx, {
          corpId: CORP,
          match: sql<boolean>`true`,
          countMatch: sql<boolean>`true`,
          columns: ['name', 'phone', 'orderCount', 'orderAmount', 'lastOrderAt'],
          sort: { by: 'orderCount', dir: 'desc' },
          limit: 20,
          offset: 0,
          staffUserid: null,
          total: 'none',
        }),
      ), 3);
    rows.push(row('customer list, no filter, sorted by order count, page of 20', sortTimes, null));

    // ---- stage rules applied to every customer: the job behind 应用规则 and the 15-minute schedule
    const pipelineId = await withCorp(db, CORP, async (tx) => {
      const p = await tx.insertInto('pipelines').values({ corp_id: CORP, name: 'bench' }).returning('id').executeTakeFirstOrThrow();
      await tx
        .insertInto('stages')
        .values([
          { corp_id: CORP, pipeline_id: p.id, name: 'nested', sort_order: 1, dwell_days: null, remind_hour: null, rule: JSON.stringify(NESTED_RULE) },
          { corp_id: CORP, pipeline_id: p.id, name: 'churn', sort_order: 2, dwell_days: null, remind_hour: null, rule: JSON.stringify(CHURN_RULE) },
        ])
        .execute();
      return p.id;
    });
    const stageRun = async (trigger: 'manual' | 'schedule' = 'manual') => {
      const run = await withCorp(db, CORP, (tx) => createRun(tx, CORP, pipelineId, trigger, null));
      const t = performance.now();
      const done = await applyStageRules(db, { corpId: CORP, runId: run.id });
      return { ms: performance.now() - t, moved: done?.moved ?? 0, evaluated: done?.total ?? 0 };
    };
    const firstRun = await stageRun();
    rows.push({ name: `stage rules (churn, nested) applied to every customer, first run: ${firstRun.moved} moved`, value: round(firstRun.ms), unit: 'ms', target: null, pass: null });
    // Again right after, as the 15-minute schedule starts it: this is what the schedule costs a pipeline when nothing
    // has changed. It evaluates only the rules the clock can make match someone new (rule-reads-clock.ts): the churn
    // rule (30–60 days since the last order), over the customers not in its stage yet, from the order figures
    // (compileRuleIds); the nested rule, applied by the first run and only losing customers as time passes, is not
    // evaluated. It moves those the clock carried into the churn window since the run before: a handful.
    const againRuns: Array<{ ms: number; moved: number; evaluated: number }> = [];
    for (let i = 0; i < SAMPLES; i++) againRuns.push(await stageRun('schedule'));
    const movedText = [...new Set(againRuns.map((r) => r.moved))].sort((a, b) => a - b).join('/');
    const evaluatedText = [...new Set(againRuns.map((r) => r.evaluated))].join('/');
    rows.push(row(`scheduled stage-rule run, nothing left to move (${evaluatedText} of 2 rules evaluated, those the clock can make match; ${movedText} moved by the clock)`, againRuns.map((r) => r.ms), 1000));

    // ---- incremental: one customer against 100 active segments, after an event
    await withCorp(db, CORP, async (tx) => {
      await tx.deleteFrom('segments').where('corp_id', '=', CORP).execute();
      await tx
        .insertInto('segments')
        .values(hundredRules().map((rule, i) => ({ corp_id: CORP, name: `s${i}`, rule: JSON.stringify(rule), kind: 'segment' as const, tag_id: null, refreshed_at: new Date() })))
        .execute();
    });
    // The first pass over each customer settles their memberships in the 100 new segments (the segments were not
    // filled); the passes after it are measured: an event arrives, the customer is re-evaluated.
    const people = Math.min(CUSTOMERS, Math.ceil(INCREMENTAL / 3));
    const passes = 1 + Math.ceil(INCREMENTAL / people);
    const times: number[] = [];
    const totals: number[] = [];
    const cache = createDefinitionsCache(); // what the segments module keeps per app
    for (let pass = 0; pass < passes; pass++) {
      for (let i = 0; i < people && (pass === 0 || times.length < INCREMENTAL); i++) {
        const n = 1 + ((i * 7919) % CUSTOMERS);
        const t = performance.now();
        await withCorp(db, CORP, async (tx) => {
          const c = await sql<{ id: string }>`INSERT INTO events (corp_id, customer_id, type, properties)
            VALUES (${CORP}, md5(${'c' + n})::uuid, 'view', '{"amount": 5}') RETURNING customer_id AS id`.execute(tx);
          const r0 = performance.now();
          await reevaluateCustomer(tx, CORP, c.rows[0].id, { cache });
          if (pass > 0) times.push(performance.now() - r0);
        });
        if (pass > 0) totals.push(performance.now() - t);
      }
    }
    rows.push(row(`incremental: re-evaluate 1 customer vs 100 segments after an event, p99 of ${times.length}`, times, 10, 'p99'));
    rows.push(row('incremental: whole transaction (event insert + re-evaluation + commit), p99', totals, null, 'p99'));

    // ---- DuckDB last (its memory would otherwise push PostgreSQL's pages out of the cache before the rows above):
    // the same two rules over the same inputs (exported by COPY), data in memory. SEG_BENCH_NO_DUCKDB=1 skips it.
    if (!process.env.SEG_BENCH_NO_DUCKDB) try {
      const { DuckDBInstance } = await loadDuckDB();
      let t0 = performance.now();
      await owner(`COPY (SELECT id, gender FROM customers) TO '${tmp}/customers.csv' WITH (FORMAT csv, HEADER)`);
      await owner(
        `COPY (SELECT customer_id, state, deleted_at, array_to_string(tag_ids, ',') AS tags FROM follows) TO '${tmp}/follows.csv' WITH (FORMAT csv, HEADER)`,
      );
      await owner(
        `COPY (SELECT customer_id, type, occurred_at, (properties->>'amount')::numeric AS amount FROM events) TO '${tmp}/events.csv' WITH (FORMAT csv, HEADER)`,
      );
      await owner(`COPY (SELECT customer_id, amount, paid_at FROM orders) TO '${tmp}/orders.csv' WITH (FORMAT csv, HEADER)`);
      await owner(
        `COPY (SELECT customer_id, order_count, order_amount, last_paid_at FROM customer_order_stats) TO '${tmp}/order_stats.csv' WITH (FORMAT csv, HEADER)`,
      );
      const duck = await DuckDBInstance.create(':memory:');
      const conn = await duck.connect();
      for (const t of ['customers', 'follows', 'events', 'orders', 'order_stats'])
        await conn.run(`CREATE TABLE ${t} AS SELECT * FROM read_csv_auto('${tmp}/${t}.csv')`);
      console.log(`DuckDB load (COPY to CSV + read_csv) ${Math.round(performance.now() - t0)} ms`);
      t0 = performance.now();
      const q = duckQueries(now.toISOString());
      // Like for like: the churn rule from the same per-customer order figures PostgreSQL reads, the nested rule from
      // the same raw tables. DuckDB grouping every order for the churn rule is shown for reference only: PostgreSQL
      // reads figures the order triggers keep, so no ratio is drawn from it.
      for (const [key, label, pgKey] of [
        ['churnStats', 'demo churn segment, from the same per-customer order figures', 'churn'],
        ['nested', '3-level nested rule', 'nested'],
        ['churn', 'demo churn segment grouping every raw order (reference: PostgreSQL reads kept figures instead, not like for like)', null],
      ] as const) {
        let r = await conn.runAndReadAll(q[key]); // warm
        const duckRuns = await timeSamples(SAMPLES, async () => {
          r = await conn.runAndReadAll(q[key]);
        }, 0);
        const duckMs = spreadOf(duckRuns).median;
        console.log(`DuckDB ${label}: ${String(r.getRows()[0][0])} members, ${spreadText(spreadOf(duckRuns))} ms`);
        rows.push(row(`DuckDB same query, ${label}`, duckRuns, null));
        if (pgKey)
          rows.push({ name: `ratio PG / DuckDB like for like (medians), ${label}`, value: round(pgEval[pgKey] / duckMs), unit: 'x', target: null, pass: null });
      }
      conn.closeSync();
    } catch (err) {
      console.log('DuckDB part failed:', err);
      rows.push({ name: `DuckDB comparison (failed: ${String(err).slice(0, 120)})`, value: NaN, unit: '', target: null, pass: null });
    }
  } finally {
    await database.close();
    // SEG_BENCH_KEEP=1 keeps the generated database, and the throwaway cluster it lives in, for SEG_BENCH_REUSE_URL runs.
    const keep = !reuse && !!process.env.SEG_BENCH_KEEP;
    await fresh?.release({ keep });
    if (keep) console.log(`kept: SEG_BENCH_REUSE_URL=${dbUrl}\n${server.keep()}`);
    else server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  // A run at another scale says so in every row, so that it is never read as the 1M figure.
  return SCALE === 1 ? rows : rows.map((r) => ({ ...r, name: `${r.name} [scale ${SCALE}]` }));
}
