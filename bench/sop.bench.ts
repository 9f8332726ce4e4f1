// Customer SOP at scale on PostgreSQL (npm run bench -- sop; SOP_BENCH_SCALE=0.1 for a quick run):
//  - throughput: 100,000 customers (over 200 staff) enter a 5-step flow (points → branch by rule → stage → message
//    → follow-up task) through the timed entry scan, and the engine runs every step; steps executed per second from
//    the scan to the last run done, over 3 runs on fresh flows, with the spread;
//  - lag: 10,000 runs whose waits end spread over 60 s, swept by the engine's own 1 s ticker; how late each one's
//    next step ran after its wait ended (p99 over every run).
import { startSandbox } from '@siyu/sandbox';
import { sql } from 'kysely';
import os from 'node:os';
import { withCorp } from '../server/src/db/tenancy';
import { startPostgres } from './lib/postgres';
import { startBenchSiyu } from './lib/siyu-instance';
import type { BenchRow, Spread } from './types';

const CORP = 'wwbenchsop';
const SCALE = Number(process.env.SOP_BENCH_SCALE ?? 1);
const CUSTOMERS = Math.round(100_000 * SCALE);
const LAG_RUNS = Math.round(10_000 * SCALE);
const STAFF = 200;
const SECRET = 'bench-contact-secret-0123456789abcdefghij';
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

function spread(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 10) / 10;
  return { n: s.length, min: r(s[0]), median: r(s[Math.floor(s.length / 2)]), max: r(s[s.length - 1]) };
}

export async function run(): Promise<BenchRow[]> {
  const server = startPostgres();
  if (!server) {
    console.log('sop bench: no PostgreSQL binaries, skipped');
    return [];
  }
  const sandbox = await startSandbox({ seed: 11 });
  process.env.SOP_TICK_MS = '1000';
  const bench = await startBenchSiyu(CORP, server.url);
  const { siyu, cookie } = bench;
  const api = async <T>(method: string, url: string, payload?: unknown) => {
    const res = await siyu.app.inject({ method: method as 'GET', url, headers: { cookie }, payload: payload as object });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  const q = async <T>(text: ReturnType<typeof sql<T>>) => withCorp(siyu.ctx.db, CORP, async (tx) => (await text.execute(tx)).rows);
  const rows: BenchRow[] = [];
  try {
    await fetch(`${sandbox.url}/sandbox/corps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ corp_id: CORP, name: 'bench', contact_secret: SECRET }) });
    await fetch(`${sandbox.url}/sandbox/corps/${CORP}/population`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staff: STAFF, customers: 0, groups: 0, seed: 'sop' }) });
    await api('PUT', '/api/wecom/connection', { corpId: CORP, contactSecret: SECRET, callbackToken: 'benchCallbackToken42', callbackAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', apiBase: sandbox.url });
    const staffIds = [...sandbox.state.corps.get(CORP)!.staff.keys()];
    await withCorp(siyu.ctx.db, CORP, async (tx) => {
      await sql`INSERT INTO staff (corp_id, userid, name, status) SELECT ${CORP}, u, '导购' || u, 1 FROM unnest(${staffIds}::text[]) u`.execute(tx);
      await sql`INSERT INTO customers (corp_id, external_userid, name) SELECT ${CORP}, 'wmsop' || i, '客户' || i FROM generate_series(1, ${CUSTOMERS}) i`.execute(tx);
      // Every customer was first added 7 days ago (China time), so a "7 days after the add" entry finds them all.
      await sql`INSERT INTO follows (corp_id, customer_id, staff_userid, followed_at)
        SELECT ${CORP}, c.id, (${staffIds}::text[])[(substr(c.external_userid, 6)::int % ${staffIds.length}) + 1],
               date_trunc('day', now() at time zone 'Asia/Shanghai' - interval '7 days') at time zone 'Asia/Shanghai' + interval '1 hour'
          FROM customers c WHERE c.corp_id = ${CORP}`.execute(tx);
    });
    await siyu.ctx.database.ownerSql('ANALYZE');
    const p = await api<{ id: string }>('POST', '/api/pipelines', { name: 'SOP 旅程', stages: [{ name: '培育中' }, { name: '已培育' }] });
    const stages = (await api<{ items: Array<{ id: string; stages: Array<{ id: string }> }> }>('GET', '/api/pipelines')).items.find((x) => x.id === p.id)!.stages;

    // Throughput: three fresh flows, one after the other.
    const rates: number[] = [];
    for (let i = 0; i < 3; i++) {
      const flow = await api<{ id: string }>('POST', '/api/sop/flows', {
        name: `bench ${i}`,
        entry: { kind: 'days_after_add', days: 7, at: '00:00' },
        reentry: 'never',
        exit: { leaveWhenConditionFails: false },
        holdoutPercent: 0,
        steps: [
          { id: 'points', kind: 'points', delta: 10, reason: 'sop bench' },
          { id: 'check', kind: 'branch', branches: [{ name: '有积分', rule: { kind: 'points', field: 'points', op: 'gte', value: 1 }, next: 'stage' }] },
          { id: 'stage', kind: 'stage', pipelineId: p.id, stageId: stages[i % 2].id },
          { id: 'message', kind: 'message', content: { text: '欢迎加入会员' } },
          { id: 'task', kind: 'task', title: '回访', dueDays: 1 },
        ],
      });
      const t0 = performance.now();
      await api('POST', `/api/sop/flows/${flow.id}/activate`);
      for (;;) {
        const [r] = await q(sql<{ entered: number; open: number }>`select count(*)::int as entered, count(*) filter (where status = 'active')::int as open from sop_enrollments where flow_id = ${flow.id}`);
        if (r.entered >= CUSTOMERS && r.open === 0) break;
        await new Promise((res) => setTimeout(res, 200));
      }
      const seconds = (performance.now() - t0) / 1000;
      const [{ steps }] = await q(sql<{ steps: number }>`select count(*)::int as steps from sop_step_runs where flow_id = ${flow.id}`);
      rates.push(steps / seconds);
      console.log(`sop bench: flow ${i}: ${steps} steps for ${CUSTOMERS} customers in ${seconds.toFixed(1)} s (load ${load()})`);
      await api('POST', `/api/sop/flows/${flow.id}/archive`);
    }
    const s = spread(rates);
    rows.push({ name: `sop: ${CUSTOMERS.toLocaleString('en-US')} customers entering a 5-step flow, steps executed per second`, value: s.median, unit: 'steps/s', target: 2000, pass: s.median >= 2000, spread: s });

    // Lag: runs waiting at a step whose waits end over the next 60 s.
    const lagFlow = await api<{ id: string }>('POST', '/api/sop/flows', {
      name: 'bench lag',
      entry: { kind: 'event', event: 'order.placed' },
      reentry: 'never',
      exit: { leaveWhenConditionFails: false },
      holdoutPercent: 0,
      steps: [
        { id: 'wait', kind: 'wait', wait: { type: 'duration', minutes: 1 } },
        { id: 'task', kind: 'task', title: '回访', dueDays: 1 },
      ],
    });
    await api('POST', `/api/sop/flows/${lagFlow.id}/activate`);
    const start = Date.now() + 5000;
    const due = await q(sql<{ id: string; due: Date }>`insert into sop_enrollments (corp_id, flow_id, customer_id, entry_key, status, step_id, phase, due_at)
      select ${CORP}, ${lagFlow.id}::uuid, c.id, c.id::text, 'active', 'wait', 'waiting',
             ${new Date(start)}::timestamptz + (row_number() over (order by c.id) % 60) * interval '1 second'
        from customers c where c.corp_id = ${CORP} limit ${LAG_RUNS}
      returning id, due_at as due`);
    const dueOf = new Map(due.map((d) => [d.id, new Date(d.due).getTime()]));
    for (;;) {
      const [r] = await q(sql<{ open: number }>`select count(*)::int as open from sop_enrollments where flow_id = ${lagFlow.id} and status = 'active'`);
      if (r.open === 0) break;
      await new Promise((res) => setTimeout(res, 500));
    }
    const ran = await q(sql<{ id: string; at: Date }>`select enrollment_id as id, at from sop_step_runs where flow_id = ${lagFlow.id} and step_id = 'wait'`);
    const lags = ran.map((r) => (new Date(r.at).getTime() - dueOf.get(r.id)!) / 1000);
    const p99 = lags.length ? [...lags].sort((a, b) => a - b)[Math.ceil(0.99 * lags.length) - 1] : NaN;
    rows.push({ name: 'sop: lag behind schedule p99 (s)', value: Math.round(p99 * 100) / 100, unit: 's', target: 5, pass: p99 <= 5, spread: spread(lags) });
  } finally {
    await bench.stop();
    await sandbox.close();
    server.stop();
  }
  return rows;
}
