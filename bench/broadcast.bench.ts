// Mass messages at scale on PostgreSQL (npm run bench -- broadcast; BROADCAST_BENCH_SCALE=0.1 for a quick run):
//  - plan: a segment of 1,000,000 customers over 2,000 staff (5 % followed twice, 1 % no longer friends, 1 % at the
//    cap, 0.5 % opted out; moduli prime to 2,000 so every staff member keeps customers) planned through POST /api/broadcasts: segment resolved, exclusions and caps applied, every
//    audience member and the tasks persisted (one INSERT … SELECT), the send job created;
//  - results: the sandbox holds the 2,000 tasks as sent by their staff (statuses 1 / 2 / 3); the results job pulls
//    get_groupmsg_task and get_groupmsg_send_result for each and stores 1,000,000 recipient statuses with their
//    broadcast.sent facts.
import os from 'node:os';
import { startSandbox } from '@siyu/sandbox';
import { sql } from 'kysely';
import { withCorp } from '../server/src/db/tenancy';
import { pollResults } from '../server/src/modules/broadcasts/poll-results.job';
import { startPostgres } from './lib/postgres';
import { startBenchSiyu } from './lib/siyu-instance';
import type { BenchRow } from './types';

const CORP = 'wwbenchbroadcast';
const SCALE = Number(process.env.BROADCAST_BENCH_SCALE ?? 1);
const CUSTOMERS = Math.round(1_000_000 * SCALE);
const STAFF = Math.max(1, Math.round(2_000 * SCALE));
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
    const loadBefore = load();
    const t0 = performance.now();
    const plan = await api<{ id: string; planned: number; tasks: number }>('POST', '/api/broadcasts', {
      kind: 'customer',
      name: 'bench',
      audience: { segmentId: seg.id },
      variants: [{ text: '会员日' }],
      holdoutPercent: 5,
      sendAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const planSeconds = (performance.now() - t0) / 1000;
    console.log(`broadcast plan: ${plan.planned} planned in ${plan.tasks} tasks, ${planSeconds.toFixed(2)} s (load ${loadBefore} → ${load()})`);

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
      await sql`UPDATE broadcast_recipients SET status = 0 WHERE corp_id = ${CORP} AND broadcast_id = ${plan.id} AND role = 'send'`.execute(tx);
      await sql`UPDATE broadcasts SET status = 'sent', sent_at = now() WHERE corp_id = ${CORP} AND id = ${plan.id}`.execute(tx);
    });
    const loadBefore2 = load();
    const t1 = performance.now();
    const final = await pollResults({ ctx: siyu.ctx, connections: siyu.wecom.connections }, { corpId: CORP, broadcastId: plan.id });
    const resultsSeconds = (performance.now() - t1) / 1000;
    const stored = await withCorp(siyu.ctx.db, CORP, (tx) =>
      sql<{ n: string; sent: string }>`SELECT count(*) FILTER (WHERE status <> 0) AS n, count(*) FILTER (WHERE status = 1) AS sent FROM broadcast_recipients
        WHERE corp_id = ${CORP} AND broadcast_id = ${plan.id} AND role = 'send'`.execute(tx),
    );
    console.log(`broadcast results: ${stored.rows[0].n} statuses stored (${stored.rows[0].sent} sent → broadcast.sent facts), final ${final}, ${resultsSeconds.toFixed(2)} s (load ${loadBefore2} → ${load()})`);
    const scale = SCALE === 1 ? '' : ` [scale ${SCALE}]`;
    return [
      { name: `broadcast plan: 1,000,000 recipients over 2,000 staff (s)${scale}`, value: Math.round(planSeconds * 100) / 100, unit: 's', target: 15, pass: planSeconds <= 15 },
      { name: `broadcast results: 1,000,000 recipient statuses pulled and stored (s)${scale}`, value: Math.round(resultsSeconds * 100) / 100, unit: 's', target: 60, pass: resultsSeconds <= 60 && Number(stored.rows[0].n) === targets.rows.length },
    ];
  } finally {
    await bench.stop();
    await sandbox.close();
    server.stop();
  }
}
