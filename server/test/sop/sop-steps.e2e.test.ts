// Customer SOP steps and controls end to end against the sandbox, on a frozen engine clock: an event wait that ends on
// an order or times out elsewhere; tag, stage and points steps (database and WeCom); a webhook called once with its
// idempotency key; quiet hours; pause and resume; editing a running flow with moves; the birthday template's timed
// entry; and a holdout with the stats against it.
import http from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { until } from '../helpers/until';
import { runSync, settle, startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwsopsteps001';
const DAY = 86_400_000;
// Monday 2027-03-01 12:00 in Asia/Shanghai.
let clock = Date.parse('2027-03-01T04:00:00Z');
let h: Harness;
let staff: string;
let apiKey: string;
let n = 0;

type Flow = { id: string; status: string };
type Run = { customer_id: string; status: string; step_id: string | null; phase: string; held_reason: string | null; due_at: Date | null };
const q = <T>(text: ReturnType<typeof sql<T>>) => withCorp(h.app.ctx.db, CORP, async (tx) => (await text.execute(tx)).rows);
const corpState = () => h.sandbox.state.corps.get(CORP)!;
const messagesTo = (ext: string) =>
  [...corpState().msgTasks.values()].filter((t) => t.recipients.some((r) => r.external_userid === ext)).map((t) => String((t.text as { content?: string } | null)?.content ?? ''));
const runsOf = (flowId: string) => q(sql<Run>`select customer_id, status, step_id, phase, held_reason, due_at from sop_enrollments where flow_id = ${flowId} order by entered_at, customer_id`);

async function sweepAt(ms: number): Promise<void> {
  clock = ms;
  await h.app.sop.engine.sweep();
  await h.app.events.idle();
}

async function newCustomer(): Promise<{ ext: string; id: string }> {
  const c = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: `步骤客户${++n}` });
  await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: c.external_userid, userid: staff });
  const id = await until(`customer ${c.external_userid}`, async () => (await q(sql<{ id: string }>`select id from customers where external_userid = ${c.external_userid}`))[0]?.id);
  await settle(h);
  return { ext: c.external_userid, id };
}

async function flow(body: Record<string, unknown>): Promise<string> {
  const res = await h.api<Flow>('POST', '/api/sop/flows', { reentry: 'never', exit: { leaveWhenConditionFails: false }, holdoutPercent: 0, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const on = await h.api<Flow>('POST', `/api/sop/flows/${res.body.id}/activate`);
  expect(on.status, JSON.stringify(on.body)).toBe(200);
  return res.body.id;
}

async function tagOf(name: string): Promise<string> {
  const res = await h.api<{ tags: Array<{ tagId: string }> }>('POST', '/api/tags', { groupName: `SOP ${name}`, tags: [name] });
  expect(res.status).toBe(201);
  return res.body.tags[0].tagId;
}

async function tag(customerId: string, tagId: string): Promise<void> {
  const res = await h.api('POST', `/api/customers/${customerId}/tags`, { add: [tagId], remove: [] });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

beforeAll(async () => {
  h = await startHarness(CORP, { sop: { clock: () => new Date(clock), tickMs: 0 } });
  await h.sb(`/sandbox/corps/${CORP}/population`, { staff: 1, customers: 0, groups: 0, seed: 'steps' });
  const app = corpState().app;
  expect((await h.api('PUT', '/api/wecom/connection', { corpId: CORP, agentId: String(app.agentid), appSecret: app.secret })).status).toBe(200);
  await runSync(h, 'sync');
  staff = [...corpState().staff.keys()][0];
  apiKey = (await h.api<{ key: string }>('POST', '/api/api-keys', { name: 'shop', scopes: ['events:write'] })).body.key;
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('customer SOP steps', () => {
  it('waits for an order: the order moves the run on at once, no order takes the timeout path', async () => {
    const start = await tagOf('等下单');
    const id = await flow({
      name: '等下单',
      entry: { kind: 'event', event: 'tag.added', filter: { tagIds: [start] } },
      steps: [
        { id: 'wait', kind: 'wait', wait: { type: 'event', event: 'order.placed', timeoutMinutes: 1440, timeoutNext: 'nudge' } },
        { id: 'thanks', kind: 'message', content: { text: '感谢下单' } },
        { id: 'done', kind: 'end' },
        { id: 'nudge', kind: 'remind', content: { text: '提醒下单' } },
      ],
    });
    const buyer = await newCustomer();
    const idle = await newCustomer();
    await tag(buyer.id, start);
    await tag(idle.id, start);
    await sweepAt(clock);
    expect((await runsOf(id)).map((r) => r.phase)).toEqual(['waiting', 'waiting']);
    const res = await h.app.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { authorization: `Bearer ${apiKey}` },
      payload: { events: [{ id: `o-${buyer.ext}`, type: 'order', customer: { externalUserid: buyer.ext }, properties: { amount: 88, items: [] } }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    await sweepAt(clock + 1000);
    expect(messagesTo(buyer.ext)).toEqual(['感谢下单']);
    expect(messagesTo(idle.ext)).toEqual([]);
    const tasksBefore = (await h.api<{ items: unknown[] }>('GET', '/api/sop/tasks')).body.items.length;
    await sweepAt(clock + DAY);
    expect(messagesTo(idle.ext)).toEqual([]);
    expect((await h.api<{ items: Array<{ title: string; customerName: string }> }>('GET', '/api/sop/tasks')).body.items.length).toBe(tasksBefore + 1);
    const runs = await runsOf(id);
    expect(runs.map((r) => r.status)).toEqual(['done', 'done']);
    const how = await q(sql<{ reason: string }>`select reason from sop_step_runs where flow_id = ${id} and step_id = 'wait' order by reason`);
    expect(how.map((r) => r.reason)).toEqual(['event', 'timeout']);
  });

  it('tags, moves the stage and grants points, in Siyu and in WeCom', async () => {
    const start = await tagOf('开始');
    const vip = await tagOf('培育');
    const p = await h.api<{ id: string }>('POST', '/api/pipelines', { name: 'SOP 旅程', stages: [{ name: '新客' }, { name: '培育' }] });
    const stages = (await h.api<{ items: Array<{ id: string; stages: Array<{ id: string; name: string }> }> }>('GET', '/api/pipelines')).body.items.find((x) => x.id === p.body.id)!.stages;
    const id = await flow({
      name: '动作',
      entry: { kind: 'event', event: 'tag.added', filter: { tagIds: [start] } },
      steps: [
        { id: 'tag', kind: 'tag', add: [vip], remove: [start] },
        { id: 'stage', kind: 'stage', pipelineId: p.body.id, stageId: stages[1].id },
        { id: 'points', kind: 'points', delta: 50, reason: 'sop' },
      ],
    });
    const c = await newCustomer();
    await tag(c.id, start);
    await sweepAt(clock);
    await until('WeCom tags', async () => {
      const f = [...(corpState().followsByCustomer.get(c.ext)?.values() ?? [])][0];
      return f && f.tag_ids.includes(vip) && !f.tag_ids.includes(start);
    });
    const [f] = await q(sql<{ tag_ids: string[] }>`select tag_ids from follows where customer_id = ${c.id}`);
    expect(f.tag_ids).toContain(vip);
    expect(f.tag_ids).not.toContain(start);
    const [s] = await q(sql<{ stage_id: string }>`select stage_id from customer_stages where customer_id = ${c.id} and pipeline_id = ${p.body.id}`);
    expect(s.stage_id).toBe(stages[1].id);
    const [m] = await q(sql<{ points: number }>`select points from customer_membership where customer_id = ${c.id}`);
    expect(Number(m.points)).toBe(50);
    expect((await runsOf(id))[0].status).toBe('done');
  });

  it('refuses a webhook into a private network unless the deployment allows it', async () => {
    const before = (await h.api<{ items: unknown[] }>('GET', '/api/sop/flows')).body.items.length;
    for (const url of ['http://127.0.0.1:8080/x', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://localhost/x', 'https://10.1.2.3/hook']) {
      const res = await h.api<{ code: string; detail: string }>('POST', '/api/sop/flows', { reentry: 'never', exit: { leaveWhenConditionFails: false }, holdoutPercent: 0, name: '内网回调', entry: { kind: 'event', event: 'tag.added' }, steps: [{ id: 'hook', kind: 'webhook', url }] });
      expect([res.status, res.body.code], url).toEqual([400, 'sop_flow_invalid']);
      expect(res.body.detail).toMatch(/webhook address (is a private network address|names this machine)/);
    }
    expect((await h.api<{ items: unknown[] }>('GET', '/api/sop/flows')).body.items).toHaveLength(before);
  });

  it('calls a webhook once with its idempotency key', async () => {
    // This receiver listens on 127.0.0.1: a deployment that allows private receivers (SIYU_WEBHOOK_PRIVATE).
    h.app.config.webhooksToPrivate = true;
    const calls: Array<{ key: string | undefined; body: { customerName: string; flowName: string } }> = [];
    const server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (d) => (data += d));
      req.on('end', () => {
        calls.push({ key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(data) });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const start = await tagOf('回调');
      await flow({ name: '回调流程', entry: { kind: 'event', event: 'tag.added', filter: { tagIds: [start] } }, steps: [{ id: 'hook', kind: 'webhook', url: `http://127.0.0.1:${port}/sop` }] });
      const c = await newCustomer();
      await tag(c.id, start);
      await sweepAt(clock);
      await until('webhook called', async () => calls.length === 1);
      await sweepAt(clock + 1000);
      await new Promise((r) => setTimeout(r, 300));
      expect(calls).toHaveLength(1);
      expect(calls[0].key).toMatch(/^sop\.webhook:/);
      expect(calls[0].body).toMatchObject({ flowName: '回调流程', customerName: expect.stringMatching(/^步骤客户/) });
    } finally {
      server.close();
    }
  });

  it('holds messages in quiet hours and sends them when they end', async () => {
    expect((await h.api('PUT', '/api/sop/settings', { maxPerDay: null, maxPerWeek: null, quietStart: '22:00', quietEnd: '08:00', overBudget: 'wait' })).status).toBe(200);
    const start = await tagOf('夜间');
    const id = await flow({ name: '夜间', entry: { kind: 'event', event: 'tag.added', filter: { tagIds: [start] } }, steps: [{ id: 'hi', kind: 'message', content: { text: '早上好' } }] });
    const night = Date.parse('2027-03-01T15:00:00Z'); // 23:00 in Shanghai
    clock = night;
    const c = await newCustomer();
    await tag(c.id, start);
    await sweepAt(night);
    const [held] = await runsOf(id);
    expect(held.held_reason).toBe('quiet_hours');
    expect(new Date(held.due_at!).toISOString()).toBe('2027-03-02T00:00:00.000Z');
    const page = await h.api<{ items: Array<{ heldReason: string; customerName: string; stepName: string }> }>('GET', `/api/sop/flows/${id}/enrollments`);
    expect(page.body.items[0]).toMatchObject({ heldReason: 'quiet_hours', stepName: 'hi' });
    await sweepAt(Date.parse('2027-03-02T00:00:30Z'));
    expect(messagesTo(c.ext)).toEqual(['早上好']);
    expect((await h.api('PUT', '/api/sop/settings', { maxPerDay: null, maxPerWeek: null, quietStart: null, quietEnd: null, overBudget: 'wait' })).status).toBe(200);
  });

  it("holds a message step at WeCom's mass-message cap and sends it in the next period; a reminder is not capped", async () => {
    expect((await h.api('PUT', '/api/broadcasts/settings', { capPeriod: 'day' })).status).toBe(200);
    clock = Date.now();
    const start = await tagOf('上限');
    const id = await flow({
      name: '上限',
      entry: { kind: 'event', event: 'tag.added', filter: { tagIds: [start] } },
      steps: [
        { id: 'tell', kind: 'remind', content: { text: '提醒导购' } },
        { id: 'msg', kind: 'message', content: { text: '上限后的消息' } },
      ],
    });
    const c = await newCustomer();
    const bc = await h.api('POST', '/api/broadcasts', { kind: 'customer', name: '今日已发', audience: { externalUserids: [c.ext] }, variants: [{ text: '今日群发' }] });
    expect(bc.status, JSON.stringify(bc.body)).toBe(201);
    await until('broadcast planned', async () => (await q(sql<{ n: number }>`select count(*)::int as n from broadcast_recipients where customer_id = ${c.id} and role = 'send'`))[0].n === 1);
    await tag(c.id, start);
    await sweepAt(clock);
    const [held] = await runsOf(id);
    expect(held).toMatchObject({ step_id: 'msg', held_reason: 'wecom_cap' });
    expect(messagesTo(c.ext)).not.toContain('上限后的消息');
    await sweepAt(clock + DAY);
    expect(messagesTo(c.ext)).toContain('上限后的消息');
    expect((await h.api('PUT', '/api/broadcasts/settings', { capPeriod: 'month' })).status).toBe(200);
  });

  it('pauses and resumes, and moves customers off steps removed from a running flow', async () => {
    const start = await tagOf('编辑');
    const steps = [
      { id: 'w1', kind: 'wait', name: '等一天', wait: { type: 'duration', minutes: 1440 } },
      { id: 'a', kind: 'message', name: '旧消息', content: { text: '旧消息' } },
      { id: 'b', kind: 'message', name: '新消息', content: { text: '新消息' } },
    ];
    const id = await flow({ name: '编辑中', entry: { kind: 'event', event: 'tag.added', filter: { tagIds: [start] } }, steps });
    const c = await newCustomer();
    await tag(c.id, start);
    await sweepAt(clock);
    expect((await h.api<Flow>('POST', `/api/sop/flows/${id}/pause`)).body.status).toBe('paused');
    await sweepAt(clock + DAY + 1000);
    expect(messagesTo(c.ext)).toEqual([]);
    // Remove the wait while paused: the customer waiting at it goes to "b", as the editor says.
    const put = await h.api<Flow>('PUT', `/api/sop/flows/${id}`, {
      name: '编辑中',
      entry: { kind: 'event', event: 'tag.added', filter: { tagIds: [start] } },
      reentry: 'never',
      exit: { leaveWhenConditionFails: false },
      holdoutPercent: 0,
      steps: steps.slice(1),
      moves: { w1: 'b' },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await runsOf(id))[0].step_id).toBe('b');
    expect((await h.api<Flow>('POST', `/api/sop/flows/${id}/resume`)).body.status).toBe('active');
    await sweepAt(clock + 1000);
    expect(messagesTo(c.ext)).toEqual(['新消息']);
    const bad = await h.api<{ code: string }>('PUT', `/api/sop/flows/${id}`, { name: 'x', entry: { kind: 'event', event: 'order.placed' }, reentry: 'never', exit: { leaveWhenConditionFails: false }, holdoutPercent: 0, steps: [{ id: 'z', kind: 'end' }], moves: { b: 'nowhere' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('sop_flow_invalid');
  });

  it('enters the birthday template three days before the date, at its time, once that day', async () => {
    expect((await h.api('POST', '/api/custom-fields', { key: 'birthday', label: '生日', type: 'date' })).status).toBe(201);
    const c = await newCustomer();
    const put = await h.app.app.inject({ method: 'PUT', url: `/api/customers/${c.id}/fields`, headers: { cookie: h.admin.cookie }, payload: { values: { birthday: '1990-03-08' } } });
    expect(put.statusCode, put.body).toBeLessThan(300);
    const t = await h.api<Flow>('POST', '/api/sop/flows/from-template', { key: 'birthday' });
    expect((await h.api('POST', `/api/sop/flows/${t.body.id}/activate`)).status).toBe(200);
    await sweepAt(Date.parse('2027-03-05T00:30:00Z')); // 08:30: before the 09:00 entry
    expect(await runsOf(t.body.id)).toEqual([]);
    await sweepAt(Date.parse('2027-03-05T01:01:00Z'));
    await sweepAt(Date.parse('2027-03-05T01:02:00Z'));
    const runs = await runsOf(t.body.id);
    expect(runs.map((r) => [r.customer_id, r.status])).toEqual([[c.id, 'done']]);
    expect(messagesTo(c.ext)).toContain('生日快乐！送您一份生日礼券，生日当月有效～');
  });

  it('holds out a share of customers and reports conversion against them', async () => {
    const start = await tagOf('对照');
    const id = await flow({ name: '对照组', holdoutPercent: 50, entry: { kind: 'event', event: 'tag.added', filter: { tagIds: [start] } }, steps: [{ id: 'hi', kind: 'task', title: '回访', dueDays: 1 }] });
    const people = [];
    for (let i = 0; i < 16; i++) people.push(await newCustomer());
    for (const p of people) await tag(p.id, start);
    await sweepAt(clock);
    const runs = await runsOf(id);
    const held = runs.filter((r) => r.status === 'held_out').length;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(16);
    const stats = await h.api<{ counts: { entered: number; heldOut: number }; holdout: { customers: number } | null; liftPoints: number | null }>('GET', `/api/sop/flows/${id}/stats`);
    expect(stats.body.counts).toMatchObject({ entered: 16 - held, heldOut: held });
    expect(stats.body.holdout?.customers).toBe(held);
    expect(stats.body.liftPoints).toBe(0);
  });
});
