// Mass messages to customers end to end against the sandbox: a segment of 25,000 customers over 30 staff becomes
// 30 tasks with the cap, not-a-friend, opted-out and duplicate exclusions counted exactly; bad input is a 4xx before
// anything is sent; a restart between planning and sending sends each task exactly once; results converge to the
// sandbox's and become `broadcast.sent` facts; the 10 % holdout never receives it and the lift report uses it;
// reminders and cancel reach WeCom; 45009 backs off and resumes, 48009 stops with a banner listing the tasks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '@siyu/sandbox';
import type { BroadcastDetail, BroadcastList, BroadcastOutcome, BroadcastPreview } from '@siyu/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { freshDatabaseUrl } from '../helpers/test-db';
import { until } from '../helpers/until';
import { startHarness, type Harness } from '../wecom/harness';
import { expectedCounts, seedWorld } from './seed-world';

process.env.BROADCAST_POLL_SECONDS = '1';
const CORP = 'wwbroadcast01';
const WORLD = { customers: 25_000, staff: 30 };
const cleanups: Array<() => Promise<void>> = [];
let sandbox: Sandbox;
let h: Harness;
let app: TestApp;
let dataDir = '';
let dbUrl: string | null = null;
let segmentId = '';

const corpState = () => sandbox.state.corps.get(CORP)!;
async function api<T>(method: string, url: string, payload?: unknown): Promise<{ status: number; body: T }> {
  const res = await app.app.inject({ method: method as 'GET', url, headers: { cookie: h.admin.cookie }, payload: payload as object });
  return { status: res.statusCode, body: res.json() as T };
}
const q = <T>(fn: (tx: Parameters<Parameters<typeof withCorp>[2]>[0]) => Promise<T>) => withCorp(app.ctx.db, CORP, fn);
const detail = async (id: string) => (await api<BroadcastDetail>('GET', `/api/broadcasts/${id}`)).body;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-broadcast-'));
  const db = await freshDatabaseUrl();
  dbUrl = db.url;
  sandbox = await startSandbox({ seed: 3 });
  cleanups.push(async () => {
    await sandbox.close();
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  h = await startHarness(CORP, { dataDir, databaseUrl: db.url, keepData: true, sandbox });
  app = h.app;
  await seedWorld(app, sandbox, CORP, WORLD);
  expect((await api('PUT', '/api/broadcasts/settings', { capPeriod: 'day' })).status).toBe(200);
  const seg = await api<{ id: string }>('POST', '/api/segments', { name: '群发客户', kind: 'segment', rule: { kind: 'attribute', field: 'external_userid', op: 'contains', value: 'wmbc' } });
  expect(seg.status, JSON.stringify(seg.body)).toBe(201);
  segmentId = seg.body.id;
}, 300_000);
afterAll(async () => {
  await app?.cleanup();
  for (const c of cleanups) await c();
});

describe('mass messages to customers', () => {
  it('previews recipients per staff member with every exclusion counted exactly', async () => {
    const res = await api<BroadcastPreview>('POST', '/api/broadcasts/preview', { kind: 'customer', audience: { segmentId }, holdoutPercent: 10 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const want = expectedCounts(WORLD);
    expect(res.body.audience).toBe(WORLD.customers);
    expect(res.body.recipients).toBe(want.recipients);
    expect(res.body.excluded).toEqual({ not_friend: want.not_friend, cap: want.cap, opted_out: want.opted_out, excluded: 0, duplicate: want.duplicate });
    expect(res.body.cap).toEqual({ period: 'day', limit: 1 });
    const senders = res.body.staff.filter((s) => s.recipients > 0);
    expect(senders).toHaveLength(30);
    expect(senders.reduce((a, s) => a + s.recipients, 0)).toBe(want.recipients);
    expect(senders.every((s) => s.staffName.startsWith('导购'))).toBe(true);
  });

  it('refuses bad input with a 4xx saying what to change, and persists nothing', async () => {
    const text = [{ text: '双十二会员专享' }];
    const nobody = await api<{ code: string }>('POST', '/api/broadcasts', { kind: 'customer', name: 'x', variants: text, audience: { filter: { kind: 'attribute', field: 'name', op: 'eq', value: '无此人' } } });
    expect([nobody.status, nobody.body.code]).toEqual([422, 'broadcast_audience_empty']);
    const past = await api<{ code: string }>('POST', '/api/broadcasts', { kind: 'customer', name: 'x', variants: text, audience: { segmentId }, sendAt: new Date(Date.now() - 3_600_000).toISOString() });
    expect([past.status, past.body.code]).toEqual([400, 'broadcast_send_at_past']);
    const many = await api<{ code: string }>('POST', '/api/broadcasts', { kind: 'customer', name: 'x', variants: [{ text: 'a', materialIds: Array.from({ length: 10 }, (_, i) => `m${i}`) }], audience: { segmentId } });
    expect([many.status, many.body.code]).toEqual([400, 'broadcast_too_many_attachments']);
    const capped = await api<{ code: string }>('POST', '/api/broadcasts', { kind: 'customer', name: 'x', variants: text, audience: { externalUserids: ['wmbc00002', 'wmbc00127'] } });
    expect([capped.status, capped.body.code]).toEqual([422, 'broadcast_cap_skips_all']);
    const none = await api<{ code: string }>('POST', '/api/broadcasts', { kind: 'customer', name: 'x', variants: text, audience: {} });
    expect([none.status, none.body.code]).toEqual([400, 'broadcast_audience_missing']);
    const n = await q((tx) => sql<{ n: string }>`SELECT count(*) AS n FROM broadcasts WHERE corp_id = ${CORP} AND name = 'x'`.execute(tx));
    expect(Number(n.rows[0].n)).toBe(0);
    expect(corpState().msgTasks.size).toBe(0);
  });

  let id = '';
  it('plans 30 tasks before sending; after a restart the new server sends each task exactly once', async () => {
    const res = await api<{ id: string; planned: number; tasks: number }>('POST', '/api/broadcasts', {
      kind: 'customer',
      name: '双十二会员日',
      audience: { segmentId },
      variants: [{ text: '双十二会员日，全场 8 折' }],
      holdoutPercent: 10,
      seed: 'dec12',
      attributionDays: 7,
      sendAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    expect(res.body.tasks).toBe(30);
    const want = expectedCounts(WORLD);
    const roles = await q((tx) => sql<{ role: string; n: string }>`SELECT role, count(*) AS n FROM broadcast_recipients WHERE corp_id = ${CORP} AND broadcast_id = ${id} GROUP BY role`.execute(tx));
    const byRole = Object.fromEntries(roles.rows.map((r) => [r.role, Number(r.n)]));
    expect(byRole.send + byRole.holdout).toBe(want.recipients);
    expect(byRole.holdout / want.recipients).toBeGreaterThan(0.08);
    expect(byRole.holdout / want.recipients).toBeLessThan(0.12);
    expect(res.body.planned).toBe(byRole.send);
    expect(corpState().msgTasks.size).toBe(0);

    // The process stops between planning and sending; a new one starts on the same database.
    await app.cleanup();
    app = await startTestApp({ dataDir, databaseUrl: dbUrl, keepData: true });
    // The hour passes: the durable send job (its id the broadcast's) becomes due in the new process.
    await app.ctx.database.ownerSql(`UPDATE pgboss.job SET start_after = now() WHERE name = 'broadcasts.send' AND id = $1`, [id]);
    await until('broadcast sent by the new server', async () => (await detail(id)).broadcast.status === 'sent', 60_000, 250);
    const tasks = [...corpState().msgTasks.values()];
    expect(tasks).toHaveLength(30);
    expect(new Set(tasks.map((t) => t.creator)).size).toBe(30);
    expect(tasks.reduce((a, t) => a + t.recipients.length, 0)).toBe(byRole.send);
    const d = await detail(id);
    expect(d.tasks.every((t) => t.created && t.staffName.startsWith('导购'))).toBe(true);

    // The send job running again (a retry, a second process) creates nothing more.
    const { sendBroadcast } = await import('../../src/modules/broadcasts/send-broadcast.job');
    await withCorp(app.ctx.db, CORP, (tx) => sql`UPDATE broadcasts SET status = 'sending' WHERE corp_id = ${CORP} AND id = ${id}`.execute(tx));
    await sendBroadcast({ ctx: app.ctx, connections: app.wecom.connections, schedulePoll: async () => {} }, { corpId: CORP, broadcastId: id });
    expect(corpState().msgTasks.size).toBe(30);
  }, 120_000);

  it('pulls results until they match the sandbox, records broadcast.sent, never reaches the holdout', async () => {
    // A segment whose rule reads the deliveries: the derivers skip broadcast.sent only while no rule reads it.
    const reachedSeg = await api<{ id: string; memberCount: number }>('POST', '/api/segments', { name: '收到过群发', kind: 'segment', rule: { kind: 'event', eventType: 'broadcast_sent', did: true } });
    expect(reachedSeg.status, JSON.stringify(reachedSeg.body)).toBe(201);
    const deliverySeg = async () => (await api<{ memberCount: number; refreshedAt: string | null }>('GET', `/api/segments/${reachedSeg.body.id}`)).body;
    await until('its first fill', async () => (await deliverySeg()).refreshedAt !== null, 60_000, 250);
    expect((await deliverySeg()).memberCount).toBe(0);
    const tasks = [...corpState().msgTasks.values()];
    // Two friendships end before their staff member sends: WeCom reports them as not a friend.
    const first = tasks[0];
    const gone = first.recipients.slice(0, 2).map((r) => r.external_userid);
    for (const e of gone) sandbox.state.removeFollow(corpState(), first.creator, e);
    for (const t of tasks.slice(0, 20)) await h.sb(`/sandbox/corps/${CORP}/groupmsg/${t.msgid}/send`, { userid: t.creator });
    expect((await api('POST', `/api/broadcasts/${id}/refresh`)).status).toBe(200);
    const d = await until(
      'results of 20 staff stored',
      async () => {
        const v = await detail(id);
        return v.tasks.filter((t) => t.staffSent).length === 20 ? v : undefined;
      },
      60_000,
      250,
    );
    const remote = new Map(tasks.flatMap((t) => t.recipients.map((r) => [r.external_userid, r.status] as const)));
    const local = await q((tx) => sql<{ target: string; status: number | null }>`SELECT target, status FROM broadcast_recipients WHERE corp_id = ${CORP} AND broadcast_id = ${id} AND role = 'send'`.execute(tx));
    expect(local.rows.length).toBe(remote.size);
    for (const r of local.rows) expect([r.target, r.status]).toEqual([r.target, remote.get(r.target)]);
    const sent = local.rows.filter((r) => r.status === 1).length;
    expect(d.tasks.find((t) => t.staffUserid === first.creator)!.notFriend).toBe(2);
    expect(d.broadcast.sent).toBe(sent);
    const events = await q((tx) => sql<{ n: string }>`SELECT count(*) AS n FROM events WHERE corp_id = ${CORP} AND type = 'broadcast_sent' AND properties->>'broadcastId' = ${id}`.execute(tx));
    expect(Number(events.rows[0].n)).toBe(sent);
    await until('the delivery segment to hold every recipient reached', async () => (await deliverySeg()).memberCount === sent, 60_000, 250);
    const holdout = await q((tx) => sql<{ target: string }>`SELECT target FROM broadcast_recipients WHERE corp_id = ${CORP} AND broadcast_id = ${id} AND role = 'holdout'`.execute(tx));
    const reached = new Set([...corpState().msgTasks.values()].flatMap((t) => t.recipients.map((r) => r.external_userid)));
    expect(holdout.rows.length).toBeGreaterThan(2000);
    expect(holdout.rows.some((r) => reached.has(r.target))).toBe(false);
  }, 120_000);

  it('reports reach and the lift over the holdout with a confidence interval', async () => {
    // Orders within the window: every 3rd planned recipient and every 6th holdout customer buys.
    await q((tx) => sql`INSERT INTO orders (corp_id, customer_id, order_no, amount, paid_at)
      SELECT ${CORP}, r.customer_id, 'bc-' || r.target, 100, now()
        FROM broadcast_recipients r WHERE r.corp_id = ${CORP} AND r.broadcast_id = ${id}
         AND ((r.role = 'send' AND substr(r.target, 5)::int % 3 = 0) OR (r.role = 'holdout' AND substr(r.target, 5)::int % 6 = 0))`.execute(tx));
    const res = await api<BroadcastOutcome>('GET', `/api/broadcasts/${id}/outcome`);
    expect(res.status).toBe(200);
    const o = res.body;
    const treated = o.arms.find((a) => a.arm === 'recipients')!;
    const control = o.arms.find((a) => a.arm === 'holdout')!;
    expect(treated.customers).toBe(o.planned);
    expect(o.reachRate).toBeCloseTo(o.sent / o.planned, 6);
    expect(treated.conversion).toBeGreaterThan(0.3);
    expect(control.conversion).toBeLessThan(0.2);
    expect(o.conversionLift!.diff).toBeCloseTo(treated.conversion - control.conversion, 5);
    expect(o.conversionLift!.low).toBeGreaterThan(0);
    expect(o.conversionLift!.significant).toBe(true);
    expect(o.revenueLift!.diff).toBeGreaterThan(0);
  });

  it('reminds the staff who have not sent and cancels their tasks in WeCom', async () => {
    const remind = await api<{ reminded: number }>('POST', `/api/broadcasts/${id}/remind`);
    expect(remind.body.reminded).toBe(10);
    const tasks = [...corpState().msgTasks.values()];
    expect(tasks.filter((t) => t.reminders === 1)).toHaveLength(10);
    const cancel = await api<{ cancelled: number }>('POST', `/api/broadcasts/${id}/cancel`);
    expect(cancel.body.cancelled).toBe(10);
    expect(tasks.filter((t) => t.cancelled)).toHaveLength(10);
    const d = await detail(id);
    expect(d.broadcast.status).toBe('cancelled');
    expect(d.tasks.filter((t) => t.state === 'cancelled')).toHaveLength(10);
  });
});

describe('faults during sending', () => {
  const small = { externalUserids: Array.from({ length: 300 }, (_, i) => `wmbc${String(25_000 - i).padStart(5, '0')}`) };

  it('45009 backs off and resumes without sending any task twice', async () => {
    await api('PUT', '/api/broadcasts/settings', { capPeriod: 'month' });
    await h.sb('/sandbox/faults', { corp_id: CORP, api: 'externalcontact/add_msg_template', errcode: 45009, times: 1 });
    const before = corpState().msgTasks.size;
    const res = await api<{ id: string; tasks: number }>('POST', '/api/broadcasts', { kind: 'customer', name: '限流重试', audience: small, variants: [{ text: '限流测试' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await until('sent after backing off', async () => (await detail(res.body.id)).broadcast.status === 'sent', 90_000, 500);
    expect(corpState().msgTasks.size - before).toBe(res.body.tasks);
  }, 120_000);

  it('48009 stops with a banner and lists which staff members’ tasks exist; resume sends the rest', async () => {
    await h.sb('/sandbox/faults', { corp_id: CORP, api: 'externalcontact/add_msg_template', errcode: 48009 });
    const res = await api<{ id: string; tasks: number }>('POST', '/api/broadcasts', { kind: 'customer', name: '未授权', audience: small, variants: [{ text: '未授权测试' }] });
    expect(res.status).toBe(201);
    const d = await until('stopped by 48009', async () => {
      const v = await detail(res.body.id);
      return v.broadcast.status === 'failed' ? v : undefined;
    }, 60_000, 250);
    expect(d.tasks.every((t) => !t.created)).toBe(true);
    const list = await api<BroadcastList>('GET', '/api/broadcasts');
    expect(list.body.unavailable?.errcode).toBe(48009);
    const again = await api<{ code: string }>('POST', '/api/broadcasts', { kind: 'customer', name: '再试', audience: small, variants: [{ text: 'x' }] });
    expect([again.status, again.body.code]).toEqual([409, 'broadcast_unavailable']);
    await h.sb(`/sandbox/faults?corp_id=${CORP}`, undefined, 'DELETE');
    expect((await api('POST', `/api/broadcasts/${res.body.id}/resume`)).status).toBe(200);
    await until('sent after resume', async () => (await detail(res.body.id)).broadcast.status === 'sent', 60_000, 250);
    expect((await api<BroadcastList>('GET', '/api/broadcasts')).body.unavailable).toBeNull();
  }, 120_000);
});


describe('mass messages to groups', () => {
  it('one task per owner and 2,000 groups, dismissed groups excluded, results converge to the sandbox', async () => {
    const corp = corpState();
    const now = Math.floor(Date.now() / 1000);
    const groups = Array.from({ length: 2_141 }, (_, i) => ({ chatId: `wrbc${String(i).padStart(5, '0')}`, owner: i < 2_100 ? 'bs01' : 'bs02', dismissed: i === 2_140 }));
    for (const g of groups) {
      corp.groups.set(g.chatId, { chat_id: g.chatId, name: `会员群${g.chatId}`, owner: g.owner, create_time: now, notice: '', members: [], admin_list: [], status: 0, dismissed: g.dismissed, mem_ver: 0, msg_count: 0 });
    }
    await q((tx) => sql`INSERT INTO groups (corp_id, chat_id, name, owner_userid, dismissed_at)
      SELECT ${CORP}, 'wrbc' || lpad(i::text, 5, '0'), '会员群wrbc' || lpad(i::text, 5, '0'), CASE WHEN i < 2100 THEN 'bs01' ELSE 'bs02' END,
             CASE WHEN i = 2140 THEN now() END FROM generate_series(0, 2140) i`.execute(tx));
    const preview = await api<BroadcastPreview>('POST', '/api/broadcasts/preview', { kind: 'group', audience: { ownerUserids: ['bs01', 'bs02'] } });
    expect(preview.body.recipients).toBe(2_140);
    expect(preview.body.excluded.not_friend).toBe(1);
    const before = new Set(corp.msgTasks.keys());
    const res = await api<{ id: string; tasks: number }>('POST', '/api/broadcasts', { kind: 'group', name: '群公告', audience: { ownerUserids: ['bs01', 'bs02'] }, variants: [{ text: '本周群活动' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.tasks).toBe(3);
    await until('group tasks created', async () => (await detail(res.body.id)).broadcast.status === 'sent', 60_000, 250);
    const created = [...corp.msgTasks.values()].filter((t) => !before.has(t.msgid));
    expect(created.map((t) => [t.chat_type, t.creator, t.recipients.length]).sort()).toEqual([
      ['group', 'bs01', 100],
      ['group', 'bs01', 2_000],
      ['group', 'bs02', 40],
    ]);
    for (const t of created.filter((x) => x.creator === 'bs01')) await h.sb(`/sandbox/corps/${CORP}/groupmsg/${t.msgid}/send`, { userid: 'bs01' });
    await api('POST', `/api/broadcasts/${res.body.id}/refresh`);
    const d = await until('owner bs01 results stored', async () => {
      const v = await detail(res.body.id);
      return v.tasks.filter((t) => t.staffSent).length === 2 ? v : undefined;
    }, 60_000, 250);
    expect(d.tasks.filter((t) => t.staffUserid === 'bs01').reduce((a, t) => a + t.sent, 0)).toBe(2_100);
    const remote = new Map(created.flatMap((t) => t.recipients.map((r) => [r.chat_id, r.status] as const)));
    const local = await q((tx) => sql<{ target: string; status: number }>`SELECT target, status FROM broadcast_recipients WHERE corp_id = ${CORP} AND broadcast_id = ${res.body.id} AND role = 'send'`.execute(tx));
    expect(local.rows.every((r) => remote.get(r.target) === r.status)).toBe(true);
    const remind = await api<{ reminded: number }>('POST', `/api/broadcasts/${res.body.id}/remind`);
    expect(remind.body.reminded).toBe(1);
  }, 120_000);
});
