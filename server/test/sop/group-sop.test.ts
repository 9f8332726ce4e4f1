// Group SOP (群SOP) end to end through HTTP and the sandbox, on a frozen clock moved by hand (Asia/Shanghai): a daily
// plan creates each owner's group mass message at its time, once per occurrence however often the job runs, and
// WeCom's per-group results come back; a weekly plan skips the other weekdays; a reminder plan sends the owner an app
// message; a 48009 fails that push's runs visibly and the plan says why; a send interrupted mid-call is reconciled with
// WeCom (never twice); another corp gets 404; a staff member sees only their own groups' results; bad input is a
// 400 with a code and saves nothing.
import type { GroupSopPlan, GroupSopRunList } from '@siyu/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import type { GroupSopModule } from '../../src/modules/sop';
import { createCorpWithAdmin } from '../../src/modules/auth/auth.repo';
import { hashPassword } from '../../src/modules/auth/password';
import { login, PASSWORD } from '../helpers/test-app';
import { until } from '../helpers/until';
import { startHarness, type Harness } from '../wecom/harness';

/** The ticker's beat and the results interval for this file's app (restored after: workers run files in turn). */
const ENV = { GROUP_SOP_TICK_MS: '250', GROUP_SOP_POLL_SECONDS: '0' };
const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));
const CORP = 'wwgroupsop01';
const OTHER = 'wwgroupsop02';
let h: Harness;
let otherCookie = '';
let gs: GroupSopModule;
/** The frozen clock: Monday 2026-12-07 07:59 in Shanghai. */
let now = new Date('2026-12-07T07:59:00+08:00');
const at = (iso: string) => (now = new Date(iso));

const corp = () => h.sandbox.state.corps.get(CORP)!;
const tasksOf = (text: string) => [...corp().msgTasks.values()].filter((t) => (t.text as { content?: string } | undefined)?.content === text);
const runsOf = async (id: string) => (await h.api<GroupSopRunList>('GET', `/api/group-sop/plans/${id}/runs`)).body;
/** Moves the clock and runs the ticker once now (instead of waiting for its next beat). */
async function moveTo(iso: string) {
  at(iso);
  await gs.tick();
}

const GROUPS = [
  { chatId: 'wrgs001', name: '会员一群', owner: 'gs01' },
  { chatId: 'wrgs002', name: '会员二群', owner: 'gs01' },
  { chatId: 'wrgs003', name: '闪购群', owner: 'gs01' },
  { chatId: 'wrgs004', name: '会员三群', owner: 'gs02' },
  { chatId: 'wrgs005', name: '已解散群', owner: 'gs02', dismissed: true },
];

beforeAll(async () => {
  Object.assign(process.env, ENV);
  h = await startHarness(CORP);
  gs = h.app.modules.find((m) => m.name === 'group-sop') as GroupSopModule;
  gs.setNow(() => now);
  const c = corp();
  const t = Math.floor(Date.now() / 1000);
  for (const [userid, name] of [['gs01', '店长小王'], ['gs02', '导购小李']]) {
    c.staff.set(userid, { userid, name, department: [1], position: '', mobile: '', gender: '0', email: '', status: 1, can_have_customers: true });
  }
  for (const g of GROUPS) {
    c.groups.set(g.chatId, { chat_id: g.chatId, name: g.name, owner: g.owner, create_time: t, notice: '', members: [], admin_list: [], status: 0, dismissed: !!g.dismissed, mem_ver: 0, msg_count: 0 });
  }
  await withCorp(h.app.ctx.db, CORP, async (tx) => {
    await sql`INSERT INTO staff (corp_id, userid, name, status, is_follow_user) VALUES (${CORP}, 'gs01', '店长小王', 1, true), (${CORP}, 'gs02', '导购小李', 1, true)`.execute(tx);
    for (const g of GROUPS) {
      await sql`INSERT INTO groups (corp_id, chat_id, name, owner_userid, dismissed_at) VALUES (${CORP}, ${g.chatId}, ${g.name}, ${g.owner}, ${g.dismissed ? new Date() : null})`.execute(tx);
    }
  });
  const put = await h.api('PUT', '/api/wecom/connection', { agentId: String(c.app.agentid), appSecret: c.app.secret });
  expect(put.status).toBe(200);
  await createCorpWithAdmin(h.app.ctx.db, { corpId: OTHER, corpName: 'Other', email: 'admin@other-gs.test', name: 'Admin', passwordHash: await hashPassword(PASSWORD) });
  otherCookie = await login(h.app, 'admin@other-gs.test');
}, 120_000);
afterAll(async () => {
  await h?.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const message = (text: string) => ({ action: 'group_message', content: { text } });

describe('group SOP', () => {
  let daily: GroupSopPlan;
  it('a daily plan posts each owner’s group mass message at its time, once per occurrence, and pulls the results', async () => {
    const res = await h.api<GroupSopPlan>('POST', '/api/group-sop/plans', {
      name: '早安推送',
      selection: { ownerUserids: ['gs01', 'gs02'] },
      pushes: [{ schedule: { kind: 'daily', time: '08:00' }, ...message('早上好，今日好物') }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    daily = res.body;
    expect(daily.groups).toBe(4);
    expect(daily.ownerNames).toEqual(['店长小王', '导购小李']);
    expect(daily.nextAt).toBe(new Date('2026-12-07T08:00:00+08:00').toISOString());

    // 07:59:50: not yet.
    await moveTo('2026-12-07T07:59:50+08:00');
    expect((await runsOf(daily.id)).total).toBe(0);
    await moveTo('2026-12-07T08:00:05+08:00');
    const first = await until('Monday 08:00 tasks created', async () => {
      const r = await runsOf(daily.id);
      return r.items.length === 4 && r.items.every((x) => x.state === 'created') ? r : undefined;
    }, 20_000, 100);
    expect(first.items.map((x) => [x.groupName, x.ownerName]).sort()).toEqual([
      ['会员一群', '店长小王'],
      ['会员三群', '导购小李'],
      ['会员二群', '店长小王'],
      ['闪购群', '店长小王'],
    ]);
    const monday = tasksOf('早上好，今日好物');
    expect(monday.map((t) => [t.chat_type, t.creator, t.recipients.map((r) => r.chat_id).sort().join(',')]).sort()).toEqual([
      ['group', 'gs01', 'wrgs001,wrgs002,wrgs003'],
      ['group', 'gs02', 'wrgs004'],
    ]);

    // The job running again (the ticker, a second server) records and sends nothing more.
    at('2026-12-07T08:00:06+08:00');
    await Promise.all([gs.runNow(CORP), gs.runNow(CORP), gs.tick()]);
    expect(tasksOf('早上好，今日好物')).toHaveLength(2);
    expect((await runsOf(daily.id)).total).toBe(4);

    // The owner gs01 sends it in WeCom: the three groups become sent.
    const gs01 = monday.find((t) => t.creator === 'gs01')!;
    await h.sb(`/sandbox/corps/${CORP}/groupmsg/${gs01.msgid}/send`, { userid: 'gs01' });
    await moveTo('2026-12-07T08:05:00+08:00');
    await until('gs01 results pulled', async () => (await runsOf(daily.id)).items.filter((x) => x.state === 'sent').length === 3, 20_000, 100);

    // Tuesday 08:00: the next occurrence.
    await moveTo('2026-12-08T08:00:03+08:00');
    await until('Tuesday 08:00 tasks created', async () => tasksOf('早上好，今日好物').length === 4, 20_000, 100);
    const plan = (await h.api<GroupSopPlan>('GET', `/api/group-sop/plans/${daily.id}`)).body;
    expect(plan.counts).toMatchObject({ runs: 8, sent: 3 });
    expect(plan.nextAt).toBe(new Date('2026-12-09T08:00:00+08:00').toISOString());
    const paused = await h.api<GroupSopPlan>('POST', `/api/group-sop/plans/${daily.id}/pause`);
    expect([paused.status, paused.body.status, paused.body.nextAt]).toEqual([200, 'paused', null]);
  }, 60_000);

  it('a weekly plan on Monday and Wednesday skips Tuesday', async () => {
    const res = await h.api<GroupSopPlan>('POST', '/api/group-sop/plans', {
      name: '闪购倒计时',
      selection: { nameContains: '闪购' },
      pushes: [{ schedule: { kind: 'weekly', weekdays: [3, 1], time: '09:00' }, ...message('闪购倒计时：今晚 8 点开抢') }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.groups).toBe(1);
    expect(res.body.nextAt).toBe(new Date('2026-12-09T09:00:00+08:00').toISOString());
    at('2026-12-08T09:00:05+08:00');
    await gs.runNow(CORP);
    expect(tasksOf('闪购倒计时：今晚 8 点开抢')).toHaveLength(0);
    await moveTo('2026-12-09T09:00:05+08:00');
    await until('Wednesday 09:00 task created', async () => tasksOf('闪购倒计时：今晚 8 点开抢').length === 1, 20_000, 100);
    const runs = await until('run recorded', async () => {
      const r = await runsOf(res.body.id);
      return r.items[0]?.state === 'created' ? r : undefined;
    }, 20_000, 100);
    expect(runs.items.map((x) => [x.groupName, x.occurrenceAt])).toEqual([['闪购群', new Date('2026-12-09T09:00:00+08:00').toISOString()]]);
    // The paused daily plan did not post on Wednesday.
    expect(tasksOf('早上好，今日好物')).toHaveLength(4);
  }, 60_000);

  it('a reminder plan sends the owner an app message naming the groups', async () => {
    const before = corp().appMessages.length;
    const res = await h.api<GroupSopPlan>('POST', '/api/group-sop/plans', {
      name: '周三提醒',
      selection: { chatIds: ['wrgs004'] },
      pushes: [{ schedule: { kind: 'once', at: '2026-12-09T10:00:00+08:00' }, action: 'remind_owner', content: { text: '请发布本周会员日海报' } }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await moveTo('2026-12-09T10:00:02+08:00');
    const runs = await until('owner reminded', async () => {
      const r = await runsOf(res.body.id);
      return r.items[0]?.state === 'reminded' ? r : undefined;
    }, 20_000, 100);
    expect(runs.items.map((x) => [x.groupName, x.ownerName])).toEqual([['会员三群', '导购小李']]);
    const sent = corp().appMessages.slice(before);
    expect(sent.map((m) => m.touser)).toEqual(['gs02']);
    const text = String((sent[0].body as { text?: { content?: string } }).text?.content);
    expect(text).toContain('周三提醒');
    expect(text).toContain('会员三群');
    expect(text).toContain('请发布本周会员日海报');
    const plan = (await h.api<GroupSopPlan>('GET', `/api/group-sop/plans/${res.body.id}`)).body;
    expect(plan.nextAt).toBeNull();
  }, 60_000);

  it('a WeCom refusal (48009) fails that push visibly and the server keeps serving', async () => {
    await h.sb('/sandbox/faults', { corp_id: CORP, api: 'externalcontact/add_msg_template', errcode: 48009, times: 1 });
    const res = await h.api<GroupSopPlan>('POST', '/api/group-sop/plans', {
      name: '故障演练',
      selection: { chatIds: ['wrgs001'] },
      pushes: [{ schedule: { kind: 'once', at: '2026-12-09T11:00:00+08:00' }, ...message('故障演练') }],
    });
    expect(res.status).toBe(201);
    await moveTo('2026-12-09T11:00:01+08:00');
    const runs = await until('run failed', async () => {
      const r = await runsOf(res.body.id);
      return r.items[0]?.state === 'failed' ? r : undefined;
    }, 20_000, 100);
    expect(runs.items[0].error).toContain('48009');
    const plan = (await h.api<GroupSopPlan>('GET', `/api/group-sop/plans/${res.body.id}`)).body;
    expect(plan.lastError).toContain('48009');
    expect((await h.api('GET', '/api/group-sop/plans')).status).toBe(200);
  }, 60_000);

  it('a send interrupted mid-call is looked up in WeCom: created once, or sent again only if WeCom never got it', async () => {
    const real = Date.now();
    at(new Date(real).toISOString());
    const res = await h.api<GroupSopPlan>('POST', '/api/group-sop/plans', {
      name: '中断恢复',
      selection: { chatIds: ['wrgs002', 'wrgs004'] },
      pushes: [{ schedule: { kind: 'once', at: new Date(real + 60_000).toISOString() }, ...message('中断恢复演练') }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    at(new Date(real + 61_000).toISOString());
    await gs.runNow(CORP);
    await until('both owners’ tasks stored', async () => (await runsOf(res.body.id)).items.filter((x) => x.state === 'created').length === 2, 20_000, 100);
    const created = tasksOf('中断恢复演练');
    expect(created.map((t) => t.creator).sort()).toEqual(['gs01', 'gs02']);
    // The server died after WeCom answered but before the answer was stored (both owners' batches); and WeCom lost
    // gs02's task (it never reached WeCom).
    const lost = created.find((t) => t.creator === 'gs02')!;
    corp().msgTasks.delete(lost.msgid);
    await withCorp(h.app.ctx.db, CORP, (tx) => sql`UPDATE group_sop_runs SET state = 'claimed', msgid = NULL, claimed_at = ${now}, batch_id = gen_random_uuid()
      WHERE corp_id = ${CORP} AND plan_id = ${res.body.id}`.execute(tx));
    // Ten minutes on, the claims are stale: gs01's is found in WeCom, gs02's is sent again, once.
    at(new Date(real + 61_000 + 11 * 60_000).toISOString());
    await gs.runNow(CORP);
    await until('claims reconciled', async () => (await runsOf(res.body.id)).items.filter((x) => x.state === 'created').length === 2, 20_000, 100);
    const after = tasksOf('中断恢复演练');
    expect(after.map((t) => t.creator).sort()).toEqual(['gs01', 'gs02']);
    const gs01 = created.find((t) => t.creator === 'gs01')!;
    const rows = await withCorp(h.app.ctx.db, CORP, (tx) => sql<{ chat_id: string; state: string; msgid: string }>`SELECT chat_id, state, msgid FROM group_sop_runs
      WHERE corp_id = ${CORP} AND plan_id = ${res.body.id} ORDER BY chat_id`.execute(tx));
    expect(rows.rows).toEqual([
      { chat_id: 'wrgs002', state: 'created', msgid: gs01.msgid },
      { chat_id: 'wrgs004', state: 'created', msgid: after.find((t) => t.creator === 'gs02')!.msgid },
    ]);
  }, 60_000);

  it('a plan is only visible to its corp', async () => {
    const cookie = otherCookie;
    const get = (url: string, method = 'GET', payload?: object) => h.app.app.inject({ method: method as 'GET', url, headers: { cookie }, payload });
    expect((await get(`/api/group-sop/plans/${daily.id}`)).statusCode).toBe(404);
    expect((await get(`/api/group-sop/plans/${daily.id}/runs`)).statusCode).toBe(404);
    expect((await get(`/api/group-sop/plans/${daily.id}/resume`, 'POST')).statusCode).toBe(404);
    const put = await get(`/api/group-sop/plans/${daily.id}`, 'PUT', { name: 'x', selection: { nameContains: '群' }, pushes: [{ schedule: { kind: 'daily', time: '08:00' }, ...message('x') }] });
    expect([404, 400]).toContain(put.statusCode);
    const list = await get('/api/group-sop/plans');
    expect(list.json().items).toEqual([]);
  });

  it('a staff member reads plans and only their own groups’ results, and cannot change a plan', async () => {
    const cookie = await login(h.app, `staff@${CORP}.test`);
    const as = (method: string, url: string) => h.app.app.inject({ method: method as 'GET', url, headers: { cookie } });
    expect((await as('GET', `/api/group-sop/plans/${daily.id}`)).statusCode).toBe(200);
    const runs = await as('GET', `/api/group-sop/plans/${daily.id}/runs`);
    expect([runs.statusCode, runs.json().total]).toEqual([200, 0]);
    expect((await runsOf(daily.id)).total).toBe(8);
    expect((await as('POST', `/api/group-sop/plans/${daily.id}/resume`)).statusCode).toBe(403);
  });

  it('refuses bad input with a 400 and a code, saving nothing', async () => {
    const push = { schedule: { kind: 'daily', time: '08:00' }, ...message('x') };
    const cases: Array<[object, string]> = [
      [{ name: 'x', selection: { ownerUserids: ['nobody'] }, pushes: [push] }, 'group_sop_unknown_owner'],
      [{ name: 'x', selection: { ownerUserids: ['gs01'] }, pushes: [{ ...push, schedule: { kind: 'daily', time: '25:00' } }] }, 'invalid_request'],
      [{ name: 'x', selection: { ownerUserids: ['gs01'] }, pushes: [{ ...push, schedule: { kind: 'once', at: '2026-12-01T08:00:00+08:00' } }] }, 'group_sop_time_past'],
      [{ name: 'x', selection: {}, pushes: [push] }, 'group_sop_selection_missing'],
      [{ name: 'x', selection: { nameContains: '没有这个群' }, pushes: [push] }, 'group_sop_selection_empty'],
      [{ name: 'x', selection: { chatIds: ['wrgs005'] }, pushes: [push] }, 'group_sop_unknown_group'],
      [{ name: 'x', selection: { ownerUserids: ['gs01'] }, pushes: [{ ...push, content: { text: ' ' } }] }, 'group_sop_content_empty'],
      [{ name: 'x', selection: { ownerUserids: ['gs01'] }, pushes: [] }, 'invalid_request'],
    ];
    for (const [body, code] of cases) {
      const res = await h.api<{ code: string }>('POST', '/api/group-sop/plans', body);
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([400, code]);
    }
    const n = await withCorp(h.app.ctx.db, CORP, (tx) => sql<{ n: string }>`SELECT count(*) AS n FROM group_sop_plans WHERE corp_id = ${CORP} AND name = 'x'`.execute(tx));
    expect(Number(n.rows[0].n)).toBe(0);
  });
});
