// Mass messages at scale on PostgreSQL (npm run bench -- broadcast; BROADCAST_BENCH_SCALE=0.1 for a quick run,
// BROADCAST_BENCH_SAMPLES samples of each row, default 3; BENCH_PROFILE_DIR for a CPU profile of each measured window):
//  - plan: a segment of 1,000,000 customers over 2,000 staff (5 % followed twice, 1 % no longer friends, 1 % at the
//    cap, 0.5 % opted out; moduli prime to 2,000 so every staff member keeps customers) planned through POST /api/broadcasts: segment resolved, exclusions and caps applied, every
//    audience member and the tasks persisted (one INSERT … SELECT), the send job created;
//  - results: the sandbox holds the 2,000 tasks as sent by their staff (statuses 1 / 2 / 3); the results job pulls
//    get_groupmsg_task and get_groupmsg_send_result for each and stores 1,000,000 recipient statuses with their
//    broadcast.sent facts.
// Between samples the state is put back outside the measured window: a plan sample's broadcast is deleted (it would
// count against the day's cap), a results sample's statuses, task marks and timeline rows are reset.
import os from 'node:os';
import { startSandbox } from '@siyu/sandbox';
import { sql } from 'kysely';
import { withCorp } from '../server/src/db/tenancy';
import { pollResults } from '../server/src/modules/broadcasts/poll-results.job';
import { profiled } from './lib/cpu-profile';
import { startPostgres } from './lib/postgres';
import { spreadOf, spreadText } from './lib/samples';
import { startBenchSiyu } from './lib/siyu-instance';
import type { BenchRow } from './types';

const CORP = 'wwbenchbroadcast';
const SCALE = Number(process.env.BROADCAST_BENCH_SCALE ?? 1);
const CUSTOMERS = Math.round(1_000_000 * SCALE);
const STAFF = Math.max(1, Math.round(2_000 * SCALE));
const SAMPLES = Math.max(1, Number(process.env.BROADCAST_BENCH_SAMPLES ?? 3));
const SECRET = 'bench-contact-secret-0123456789abcdefghij';
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

export async function run(): Promise<BenchRow[]> {
  const server = startPostgres();
  if (!server) {
    console.log('broadcast bench: no PostgreSQL binaries, skipped');
    return [];
  }
  process.env.BROADCAST_POLL_SECONDS = '3600';
  const sandbox = await startSandbox({ seed: 5 });
  const bench = await startBenchSiyu(CORP, server.url);
  const { siyu, cookie } = bench;
  const api = async <T>(method: string, url: string, payload?: unknown) => {
    const res = await siyu.app.inject({ method: method as 'GET', url, headers: { cookie }, payload: payload as object });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  try {
    await fetch(`${sandbox.url}/sandbox/corps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ corp_id: CORP, name: 'bench', contact_secret: SECRET }) });
    await api('PUT', '/api/wecom/connection', { corpId: CORP, contactSecret: SECRET, callbackToken: 'benchCallbackToken42', callbackAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', apiBase: sandbox.url });
    await api('PUT', '/api/broadcasts/settings', { capPeriod: 'day' });
    const seeded = Date.now();
    await withCorp(siyu.ctx.db, CORP, async (tx) => {
      await sql`INSERT INTO staff (corp_id, userid, name, status) SELECT ${CORP}, 'st' || n, '导购' || n, 1 FROM generate_series(1, ${STAFF}) n`.execute(tx);
      await sql`INSERT INTO customers (corp_id, external_userid, name) SELECT ${CORP}, 'wmbn' || i, '客户' || i FROM generate_series(1, ${CUSTOMERS}) i`.execute(tx);
      await sql`INSERT INTO follows (corp_id, customer_id, staff_userid, followed_at, deleted_at)
        SELECT ${CORP}, c.id, 'st' || (n.i % ${STAFF} + 1), now() - interval '30 days' + n.i * interval '1 second', CASE WHEN n.i % 101 = 1 THEN now() END
          FROM customers c CROSS JOIN LATERAL (SELECT substr(c.external_userid, 5)::int AS i) n WHERE c.corp_id = ${CORP}`.execute(tx);
      await sql`INSERT INTO follows (corp_id, customer_id, staff_userid, followed_at)
        SELECT ${CORP}, c.id, 'st' || ((n.i + 1) % ${STAFF} + 1), now() - interval '1 day'
          FROM customers c CROSS JOIN LATERAL (SELECT substr(c.external_userid, 5)::int AS i) n WHERE c.corp_id = ${CORP} AND n.i % 20 = 0`.execute(tx);
      await sql`INSERT INTO broadcast_opt_outs (corp_id, customer_id) SELECT ${CORP}, id FROM customers WHERE corp_id = ${CORP} AND substr(external_userid, 5)::int % 211 = 7`.execute(tx);
      const prior = await sql<{ id: string }>`INSERT INTO broadcasts (corp_id, kind, name, status, audience, variants, seed, send_at, sent_at)
        VALUES (${CORP}, 'customer', 'earlier', 'completed', '{}', '[{"text":"hi"}]', 'x', now(), now()) RETURNING id`.execute(tx);
      await sql`INSERT INTO broadcast_recipients (corp_id, broadcast_id, target, customer_id, staff_userid, variant, task_no, role, status, sent_at)
        SELECT ${CORP}, ${prior.rows[0].id}::uuid, external_userid, id, 'st1', 'A', 1, 'send', 1, now() FROM customers
         WHERE corp_id = ${CORP} AND substr(external_userid, 5)::int % 103 = 3`.execute(tx);
    });
    await siyu.ctx.database.ownerSql('ANALYZE');
    console.log(`broadcast bench: ${CUSTOMERS} customers / ${STAFF} staff seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    const seg = await api<{ id: string }>('POST', '/api/segments', { name: 'bench audience', kind: 'segment', rule: { kind: 'attribute', field: 'external_userid', op: 'contains', value: 'wmbn' } });

    // The segment's first count (a refresh job) is left to finish first: the plan resolves the rule itself.
    for (let i = 0; i < 600; i++) {
      const list = await api<{ items: Array<{ id: string; refreshedAt: string | null }> }>('GET', '/api/segments');
      if (list.items.find((x) => x.id === seg.id)?.refreshedAt) break;
      await new Promise((r) => setTimeout(r, 500));
    }

    // Row 1: plan.
    const planBody = {
      kind: 'customer',
      name: 'bench',
      audience: { segmentId: seg.id },
      variants: [{ text: '会员日' }],
      holdoutPercent: 5,
      sendAt: new Date(Date.now() + 86_400_000).toISOString(),
    };
    const planTimes: number[] = [];
    let plan = { id: '', planned: 0, tasks: 0 };
    for (let i = 0; i < SAMPLES; i++) {
      if (plan.id) {
        await withCorp(siyu.ctx.db, CORP, (tx) => sql`DELETE FROM broadcasts WHERE corp_id = ${CORP} AND id = ${plan.id}`.execute(tx));
        await siyu.ctx.database.ownerSql('VACUUM ANALYZE broadcast_recipients');
        await siyu.ctx.database.ownerSql('VACUUM ANALYZE broadcast_tasks');
      }
      const loadBefore = load();
      const t0 = performance.now();
      plan = await profiled('broadcast-plan', () => api<{ id: string; planned: number; tasks: number }>('POST', '/api/broadcasts', planBody));
      planTimes.push((performance.now() - t0) / 1000);
      console.log(`broadcast plan #${i + 1}: ${plan.planned} planned in ${plan.tasks} tasks, ${planTimes[i].toFixed(2)} s (load ${loadBefore} → ${load()})`);
    }

    // Row 2: results. The sandbox holds each task as its staff member sent it; Siyu knows their msgids.
    const targets = await withCorp(siyu.ctx.db, CORP, (tx) =>
      sql<{ task_no: number; staff_userid: string; target: string }>`SELECT task_no, staff_userid, target FROM broadcast_recipients
        WHERE corp_id = ${CORP} AND broadcast_id = ${plan.id} AND role = 'send' ORDER BY task_no, target`.execute(tx),
    );
    const corp = sandbox.state.corps.get(CORP)!;
    const now = Math.floor(Date.now() / 1000);
    let n = 0;
    for (const r of targets.rows) {
      const msgid = `bench-${r.task_no}`;
      let task = corp.msgTasks.get(msgid);
      if (!task) {
        task = { msgid, chat_type: 'single', creator: r.staff_userid, create_type: 0, create_time: now, text: { content: '会员日' }, attachments: [], allow_select: false, tasks: [{ userid: r.staff_userid, status: 2, send_time: now }], recipients: [], cancelled: false, dispatching_until: 0, reminders: 0 };
        corp.msgTasks.set(msgid, task);
      }
      const status = n++ % 50 === 0 ? 2 : n % 97 === 0 ? 3 : 1;
      task.recipients.push({ userid: r.staff_userid, external_userid: r.target, chat_id: '', status, send_time: status === 1 ? now : 0 });
    }
    await withCorp(siyu.ctx.db, CORP, async (tx) => {
      await sql`UPDATE broadcast_tasks SET state = 'created', msgid = 'bench-' || task_no WHERE corp_id = ${CORP} AND broadcast_id = ${plan.id}`.execute(tx);
      await sql`UPDATE broadcasts SET status = 'sent', sent_at = now() WHERE corp_id = ${CORP} AND id = ${plan.id}`.execute(tx);
    });
    const resultTimes: number[] = [];
    let stored = { n: '0', sent: '0' };
    for (let i = 0; i < SAMPLES; i++) {
      await withCorp(siyu.ctx.db, CORP, async (tx) => {
        await sql`UPDATE broadcast_tasks SET staff_status = 0, staff_sent_at = NULL, results_at = NULL WHERE corp_id = ${CORP} AND broadcast_id = ${plan.id}`.execute(tx);
        await sql`UPDATE broadcast_recipients SET status = 0, sent_at = NULL WHERE corp_id = ${CORP} AND broadcast_id = ${plan.id} AND role = 'send'`.execute(tx);
        await sql`DELETE FROM events WHERE corp_id = ${CORP} AND type = 'broadcast_sent'`.execute(tx);
        await sql`UPDATE broadcasts SET status = 'sent', completed_at = NULL WHERE corp_id = ${CORP} AND id = ${plan.id}`.execute(tx);
      });
      for (const table of ['broadcast_recipients', 'broadcast_tasks', 'events']) await siyu.ctx.database.ownerSql(`VACUUM ANALYZE ${table}`);
      const loadBefore = load();
      const t1 = performance.now();
      const final = await profiled('broadcast-results', () => pollResults({ ctx: siyu.ctx, connections: siyu.wecom.connections }, { corpId: CORP, broadcastId: plan.id }));
      resultTimes.push((performance.now() - t1) / 1000);
      const counted = await withCorp(siyu.ctx.db, CORP, (tx) =>
        sql<{ n: string; sent: string }>`SELECT count(*) FILTER (WHERE status <> 0) AS n, count(*) FILTER (WHERE status = 1) AS sent FROM broadcast_recipients
          WHERE corp_id = ${CORP} AND broadcast_id = ${plan.id} AND role = 'send'`.execute(tx),
      );
      stored = counted.rows[0];
      console.log(`broadcast results #${i + 1}: ${stored.n} statuses stored (${stored.sent} sent → broadcast.sent facts), final ${final}, ${resultTimes[i].toFixed(2)} s (load ${loadBefore} → ${load()})`);
    }
    const planSpread = spreadOf(planTimes);
    const resultSpread = spreadOf(resultTimes);
    console.log(`broadcast plan ${spreadText(planSpread)} s; results ${spreadText(resultSpread)} s (min–median–max)`);
    const scale = SCALE === 1 ? '' : ` [scale ${SCALE}]`;
    return [
      { name: `broadcast plan: 1,000,000 recipients over 2,000 staff (s)${scale}`, value: planSpread.median, unit: 's', target: 15, pass: planSpread.median <= 15, spread: planSpread },
      { name: `broadcast results: 1,000,000 recipient statuses pulled and stored (s)${scale}`, value: resultSpread.median, unit: 's', target: 60, pass: resultSpread.median <= 60 && Number(stored.n) === targets.rows.length, spread: resultSpread },
    ];
  } finally {
    await bench.stop();
    await sandbox.close();
    server.stop();
  }
}
