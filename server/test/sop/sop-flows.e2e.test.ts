// Customer SOP end to end against the sandbox, with the engine's clock frozen and moved by the test: the 7-day
// nurture template runs for customers added through a channel code (messages on their days, a reminder with tasks,
// the goal exit when one of them orders), the contact budget holds across two flows and a broadcast, the dry run's
// counts equal a hand count, and bad flows are refused with a code naming the step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { withCorp } from '../../src/db/tenancy';
import { seedDemoSop } from '../../src/modules/sop';
import { createCorpWithRoles } from '../helpers/test-app';
import { until } from '../helpers/until';
import { runSync, settle, startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwsopflows001';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Tuesday 2027-03-02 12:00 in Asia/Shanghai: after the template's 10:00 sends.
let clock = Date.parse('2027-03-02T04:00:00Z');
let h: Harness;
let staff: string[];
let apiKey: string;
let n = 0;

type Flow = { id: string; status: string; steps: Array<{ id: string; kind: string; name?: string }>; counts: Record<string, number> };
type Run = { customer_id: string; status: string; step_id: string | null; phase: string; due_at: Date | null; held_reason: string | null };

const q = <T>(text: ReturnType<typeof sql<T>>) => withCorp(h.app.ctx.db, CORP, async (tx) => (await text.execute(tx)).rows);
const corpState = () => h.sandbox.state.corps.get(CORP)!;
/** The 1:1 mass message tasks created for a customer, by text. */
const messagesTo = (ext: string) =>
  [...corpState().msgTasks.values()].filter((t) => t.chat_type === 'single' && t.recipients.some((r) => r.external_userid === ext)).map((t) => String((t.text as { content?: string } | null)?.content ?? ''));

async function sweepAt(iso: number): Promise<void> {
  clock = iso;
  await h.app.sop.engine.sweep();
  await h.app.events.idle();
}

async function customerVia(configId: string): Promise<{ ext: string; id: string }> {
  const c = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: `客户${++n}` });
  await h.sb(`/sandbox/corps/${CORP}/scan-contact-way`, { external_userid: c.external_userid, config_id: configId });
  const id = await until(`customer ${c.external_userid}`, async () => (await q(sql<{ id: string }>`select id from customers where external_userid = ${c.external_userid}`))[0]?.id);
  return { ext: c.external_userid, id };
}

async function order(customerExt: string, amount: number): Promise<void> {
  const res = await h.app.app.inject({
    method: 'POST',
    url: '/api/events',
    headers: { authorization: `Bearer ${apiKey}` },
    payload: { events: [{ id: `o-${customerExt}-${amount}`, type: 'order', customer: { externalUserid: customerExt }, properties: { amount, items: [] } }] },
  });
  expect(res.statusCode, res.body).toBe(200);
}

const runsOf = (flowId: string) => q(sql<Run>`select customer_id, status, step_id, phase, due_at, held_reason from sop_enrollments where flow_id = ${flowId}`);

beforeAll(async () => {
  h = await startHarness(CORP, { sop: { clock: () => new Date(clock), tickMs: 0 } });
  await h.sb(`/sandbox/corps/${CORP}/population`, { staff: 2, customers: 0, groups: 0, seed: 'sop' });
  const app = corpState().app;
  expect((await h.api('PUT', '/api/wecom/connection', { corpId: CORP, agentId: String(app.agentid), appSecret: app.secret })).status).toBe(200);
  await runSync(h, 'sync');
  staff = [...corpState().staff.keys()].sort();
  const key = await h.api<{ key: string }>('POST', '/api/api-keys', { name: 'shop', scopes: ['events:write'] });
  expect(key.status).toBe(201);
  apiKey = key.body.key;
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('customer SOP', () => {
  it('runs the 7-day nurture template for customers added through a channel code, day by day, and stops at the goal', async () => {
    const code = await h.api<{ id: string; configId: string }>('POST', '/api/channels', { name: 'SOP 海报', staffUserids: [staff[0]] });
    expect(code.status).toBe(201);
    const flow = await h.api<Flow>('POST', '/api/sop/flows/from-template', { key: 'new_customer_7d' });
    expect(flow.status).toBe(201);
    expect(flow.body.status).toBe('draft');
    const activated = await h.api<Flow>('POST', `/api/sop/flows/${flow.body.id}/activate`);
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    const id = flow.body.id;

    const buyer = await customerVia(code.body.configId);
    const a = await customerVia(code.body.configId);
    const b = await customerVia(code.body.configId);
    await settle(h);
    expect((await runsOf(id)).map((r) => r.status)).toEqual(['active', 'active', 'active']);

    // Day 0, 12:00: the first step waits for the next 10:00.
    await sweepAt(clock);
    const waiting = await runsOf(id);
    expect(waiting.every((r) => r.phase === 'waiting' && r.step_id === 'day1_wait')).toBe(true);
    expect(new Date(waiting[0].due_at!).toISOString()).toBe('2027-03-03T02:00:00.000Z');
    await sweepAt(Date.parse('2027-03-03T01:59:00Z'));
    expect(messagesTo(a.ext)).toHaveLength(0);

    // Day 1, 10:01: the introduction goes to all three, as one task of their staff member.
    await sweepAt(Date.parse('2027-03-03T02:01:00Z'));
    for (const c of [buyer, a, b]) expect(messagesTo(c.ext)).toEqual(['您好，我是您的专属顾问，有任何问题随时找我～']);
    const sends = await q(sql<{ staff_userid: string; n: number; state: string }>`select staff_userid, cardinality(customer_ids) as n, state from sop_sends where flow_id = ${id}`);
    expect(sends).toEqual([{ staff_userid: staff[0], n: 3, state: 'sent' }]);

    // Day 2: one of them orders — the goal ends their run at once.
    await order(buyer.ext, 199);
    expect((await runsOf(id)).find((r) => r.customer_id === buyer.id)?.status).toBe('goal');

    // Day 3, 10:01 (two days after day 1): the brand message to the other two; the branch finds no order, they wait.
    await sweepAt(Date.parse('2027-03-05T02:01:00Z'));
    expect(messagesTo(buyer.ext)).toHaveLength(1);
    for (const c of [a, b]) expect(messagesTo(c.ext)).toHaveLength(2);
    // The same time again: nothing is sent twice.
    await sweepAt(Date.parse('2027-03-05T02:02:00Z'));
    for (const c of [a, b]) expect(messagesTo(c.ext)).toHaveLength(2);

    // Day 7: the offer is a reminder to the staff member (app message) and a task per customer; the flow is done.
    const before = corpState().appMessages.length;
    await sweepAt(Date.parse('2027-03-09T02:02:00Z'));
    const reminders = corpState().appMessages.slice(before);
    expect(reminders).toHaveLength(1);
    expect(reminders[0].touser).toBe(staff[0]);
    const tasks = await h.api<{ items: Array<{ customerName: string; staffName: string; title: string; status: string }> }>('GET', '/api/sop/tasks');
    expect(tasks.body.items.map((t) => t.title)).toEqual(['第 7 天：首单优惠', '第 7 天：首单优惠']);
    expect(tasks.body.items.every((t) => t.customerName.startsWith('客户') && t.staffName !== staff[0])).toBe(true);
    const final = await runsOf(id);
    expect(final.filter((r) => r.status === 'done')).toHaveLength(2);

    const stats = await h.api<{ counts: Record<string, number>; steps: Array<{ stepId: string; reached: number; done: number }> }>('GET', `/api/sop/flows/${id}/stats`);
    expect(stats.body.counts).toMatchObject({ entered: 3, goal: 1, done: 2, active: 0 });
    const reached = Object.fromEntries(stats.body.steps.map((s) => [s.stepId, s.reached]));
    expect(reached).toMatchObject({ day1_intro: 3, day3_brand: 2, day3_check: 2, day7_offer: 2 });

    const done = await h.api<{ status: string }>('POST', `/api/sop/tasks/${(await q(sql<{ id: string }>`select id from sop_tasks where flow_id = ${id} limit 1`))[0].id}/done`);
    expect(done.body.status).toBe('done');
    const archived = await h.api<Flow>('POST', `/api/sop/flows/${id}/archive`);
    expect(archived.body.status).toBe('archived');
    expect((await h.api<{ code: string }>('POST', `/api/sop/flows/${id}/activate`)).body.code).toBe('sop_flow_not_editable');
  });

  it('keeps the contact budget across two flows and a broadcast, and says why a step waits', async () => {
    clock = Date.now();
    expect((await h.api('PUT', '/api/sop/settings', { maxPerDay: 1, maxPerWeek: null, quietStart: null, quietEnd: null, overBudget: 'wait' })).status).toBe(200);
    const tags = await h.api<{ tags: Array<{ tagId: string }> }>('POST', '/api/tags', { groupName: 'SOP', tags: ['预算'] });
    const tagId = tags.body.tags[0].tagId;
    const flows: string[] = [];
    for (const name of ['流程甲', '流程乙']) {
      const f = await h.api<Flow>('POST', '/api/sop/flows', {
        name,
        entry: { kind: 'event', event: 'tag.added', filter: { tagIds: [tagId] } },
        reentry: 'never',
        exit: { leaveWhenConditionFails: false },
        holdoutPercent: 0,
        steps: [{ id: 'hello', kind: 'message', content: { text: `${name}的问候` } }],
      });
      expect(f.status, JSON.stringify(f.body)).toBe(201);
      expect((await h.api(`POST`, `/api/sop/flows/${f.body.id}/activate`)).status).toBe(200);
      flows.push(f.body.id);
    }
    const code = await h.api<{ configId: string }>('POST', '/api/channels', { name: 'SOP 预算', staffUserids: [staff[1]] });
    const c = await customerVia(code.body.configId);
    await settle(h);
    // A mass message reaches the customer today.
    const bc = await h.api<{ id: string }>('POST', '/api/broadcasts', { kind: 'customer', name: '今日群发', audience: { externalUserids: [c.ext] }, variants: [{ text: '今日上新' }] });
    expect(bc.status, JSON.stringify(bc.body)).toBe(201);
    await until('broadcast planned', async () => (await q(sql<{ n: number }>`select count(*)::int as n from broadcast_recipients where customer_id = ${c.id} and role = 'send'`))[0].n === 1);
    // Both flows start when the tag is added.
    const tagged = await h.api('POST', `/api/customers/${c.id}/tags`, { add: [tagId], remove: [] });
    expect(tagged.status, JSON.stringify(tagged.body)).toBe(200);
    await until('both flows entered', async () => (await q(sql<{ n: number }>`select count(*)::int as n from sop_enrollments where customer_id = ${c.id} and flow_id = any(${flows}::uuid[])`))[0].n === 2);

    await sweepAt(clock);
    let runs = [...(await runsOf(flows[0])), ...(await runsOf(flows[1]))];
    expect(runs.map((r) => r.held_reason)).toEqual(['contact_budget', 'contact_budget']);
    expect(messagesTo(c.ext).filter((t) => t.endsWith('的问候'))).toHaveLength(0);

    // The next day only one of the two may go; the day after, the other.
    await sweepAt(clock + DAY);
    expect(messagesTo(c.ext).filter((t) => t.endsWith('的问候'))).toHaveLength(1);
    runs = [...(await runsOf(flows[0])), ...(await runsOf(flows[1]))];
    expect(runs.filter((r) => r.status === 'done')).toHaveLength(1);
    expect(runs.filter((r) => r.held_reason === 'contact_budget')).toHaveLength(1);
    await sweepAt(clock + 2 * DAY);
    expect(messagesTo(c.ext).filter((t) => t.endsWith('的问候'))).toHaveLength(2);
    expect((await h.api('PUT', '/api/sop/settings', { maxPerDay: null, maxPerWeek: null, quietStart: null, quietEnd: null, overBudget: 'wait' })).status).toBe(200);
  });

  it('dry-runs a flow over the last 30 days with the counts a hand count gives', async () => {
    // Hand count: customers added in the window by each staff member, the branch splits tagged ones to the end.
    clock = Date.now() + 3 * DAY;
    const tags = await h.api<{ tags: Array<{ tagId: string }> }>('POST', '/api/tags', { groupName: 'SOP 演练', tags: ['VIP'] });
    const vip = tags.body.tags[0].tagId;
    const f = await h.api<Flow>('POST', '/api/sop/flows', {
      name: '演练',
      entry: { kind: 'event', event: 'follow.added' },
      reentry: 'never',
      exit: { leaveWhenConditionFails: false },
      holdoutPercent: 0,
      steps: [
        { id: 'first', kind: 'message', content: { text: '一' } },
        { id: 'vip', kind: 'branch', branches: [{ name: 'VIP', rule: { kind: 'tags', match: 'any', tagIds: [vip] }, next: 'end' }] },
        { id: 'wait', kind: 'wait', wait: { type: 'duration', minutes: 1440 } },
        { id: 'second', kind: 'remind', content: { text: '二' } },
        { id: 'later', kind: 'wait', wait: { type: 'duration', minutes: 30 * 1440 } },
        { id: 'third', kind: 'message', content: { text: '三' } },
      ],
    });
    expect(f.status, JSON.stringify(f.body)).toBe(201);
    const rows = await q(sql<{ customer_id: string; staff_userid: string; followed_at: Date }>`select customer_id, staff_userid, followed_at from follows`);
    const one = rows[0];
    const tagRes = await h.api('POST', `/api/customers/${one.customer_id}/tags`, { add: [vip], remove: [] });
    expect(tagRes.status).toBe(200);
    const firstByCustomer = new Map<string, { staff: string; at: number }>();
    for (const r of [...rows].sort((x, y) => new Date(x.followed_at).getTime() - new Date(y.followed_at).getTime())) {
      if (!firstByCustomer.has(r.customer_id)) firstByCustomer.set(r.customer_id, { staff: r.staff_userid, at: new Date(r.followed_at).getTime() });
    }
    const entered = firstByCustomer.size;
    const vips = 1;
    const res = await h.api<{ entered: number; steps: Array<{ stepId: string; reached: number }>; staffLoad: Array<{ staffUserid: string; sends: number }>; peakPerStaffDay: number }>(
      'POST',
      `/api/sop/flows/${f.body.id}/dry-run`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.entered).toBe(entered);
    const reached = Object.fromEntries(res.body.steps.map((s) => [s.stepId, s.reached]));
    expect(reached).toEqual({ first: entered, vip: entered, wait: entered - vips, second: entered - vips, later: entered - vips, third: 0 });
    const sends = res.body.staffLoad.reduce((s, l) => s + l.sends, 0);
    expect(sends).toBe(entered + (entered - vips));
    expect(res.body.staffLoad.every((l) => staff.includes(l.staffUserid))).toBe(true);
  });

  it('refuses a flow whose step leads nowhere or loops without a wait, naming the step', async () => {
    const base = { name: '坏流程', entry: { kind: 'event', event: 'order.placed' }, reentry: 'never', exit: { leaveWhenConditionFails: false }, holdoutPercent: 0 };
    const nowhere = await h.api<{ code: string; detail: string }>('POST', '/api/sop/flows', { ...base, steps: [{ id: 'a', kind: 'message', next: 'zzz', content: { text: 'x' } }] });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.code).toBe('sop_flow_invalid');
    expect(nowhere.body.detail).toContain('zzz');
    const loop = await h.api<{ code: string; detail: string }>('POST', '/api/sop/flows', {
      ...base,
      steps: [
        { id: 'a', kind: 'points', delta: 1, reason: 'x' },
        { id: 'b', kind: 'points', delta: 1, reason: 'y', next: 'a' },
      ],
    });
    expect(loop.status).toBe(400);
    expect(loop.body.detail).toContain('loop without a wait');
    const badRule = await h.api<{ code: string; detail: string }>('POST', '/api/sop/flows', {
      ...base,
      steps: [{ id: 'a', kind: 'branch', branches: [{ name: 'x', rule: { any: [{ kind: 'tags', match: 'any', tagIds: ['nope'] }] }, next: 'end' }] }],
    });
    expect(badRule.status).toBe(400);
    expect(badRule.body.detail).toMatch(/^\/steps\/0\/branches\/0\/rule\/any\/0/);
    const unknownTag = await h.api<{ code: string }>('POST', '/api/sop/flows', { ...base, steps: [{ id: 'a', kind: 'tag', add: ['nope'], remove: [] }] });
    expect(unknownTag.status).toBe(400);
    expect(unknownTag.body.code).toBe('sop_flow_invalid');
    const other = await createCorpWithRoles(h.app, 'wwsopother001');
    const as = (method: 'GET' | 'POST', url: string) => h.app.app.inject({ method, url, headers: { cookie: other.admin.cookie } });
    const mine = (await h.api<{ items: Flow[] }>('GET', '/api/sop/flows')).body.items[0].id;
    expect((await as('GET', `/api/sop/flows/${mine}`)).statusCode).toBe(404);
    expect((await as('POST', `/api/sop/flows/${mine}/pause`)).statusCode).toBe(404);
    expect(JSON.parse((await as('GET', '/api/sop/flows')).body).items).toEqual([]);
  });

  it('seeds the demo corp with two running flows and a draft, once, as the system (no user)', async () => {
    const corpId = 'wwsopdemo0001';
    const demo = await createCorpWithRoles(h.app, corpId);
    const system = { sessionId: 'system', userId: 'demo', corpId, role: 'admin' as const, staffUserid: null };
    await seedDemoSop(h.app.sop.service, system);
    await seedDemoSop(h.app.sop.service, system);
    const list = JSON.parse((await h.app.app.inject({ method: 'GET', url: '/api/sop/flows', headers: { cookie: demo.admin.cookie } })).body) as { items: Flow[] };
    expect(list.items.map((f) => f.status).sort()).toEqual(['active', 'active', 'draft']);
    const rows = await withCorp(h.app.ctx.db, corpId, async (tx) => (await sql<{ created_by: string | null; audits: number }>`
      select f.created_by, (select count(*)::int from audit_log a where a.corp_id = ${corpId} and a.target = f.id::text and a.actor_user_id is null) as audits
        from sop_flows f where f.corp_id = ${corpId}`.execute(tx)).rows);
    expect(rows.map((r) => r.created_by)).toEqual([null, null, null]);
    expect(rows.every((r) => r.audits >= 1)).toBe(true);
  });
});
