// Rule-driven stage moves end to end: entry rules on stages, orders through the events API advancing customers
// (forward only, manual moves respected), apply-rules for existing customers, validation and access.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema';
import { withCorp } from '../../src/db/tenancy';
import { stagesErrors } from '../../src/modules/stages/stages.errors';
import { createCorpWithRoles, startTestApp, type Session, type TestApp } from '../helpers/test-app';
import { jobsIdle } from '../helpers/jobs-idle';
import { until } from '../helpers/until';

let app: TestApp;
let s: Record<Role, Session>;
let key: string;
const CORP = 'stage_rules';

const FIRST = { kind: 'orders', measure: 'count', op: 'gte', value: 1 };
const REPEAT = { kind: 'orders', measure: 'count', op: 'gte', value: 2 };

type Res<T> = { status: number; body: T };
async function as<T = Record<string, unknown>>(role: Role, method: string, url: string, payload?: unknown): Promise<Res<T>> {
  const res = await app.app.inject({ method: method as 'GET', url, headers: { cookie: s[role].cookie }, payload: payload as object });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
}
const api = <T = Record<string, unknown>>(method: string, url: string, payload?: unknown) => as<T>('admin', method, url, payload);
const q = async <T>(text: ReturnType<typeof sql<T>>) => withCorp(app.ctx.db, CORP, async (tx) => (await text.execute(tx)).rows);

let seq = 0;
async function send(phone: string, type: 'order' | 'page_view', amount = 100) {
  const id = `ev-${++seq}`;
  const properties = type === 'order' ? { amount, orderNo: `SO-${id}`, items: [{ sku: 'A1', name: '苹果', category: 'fruit', quantity: 1, price: amount }] } : { url: '/home' };
  const res = await app.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${key}` }, payload: { events: [{ id, type, customer: { phone }, properties }] } });
  expect(res.statusCode).toBe(200);
  expect(res.json().accepted).toBe(1);
}
async function customerId(phone: string): Promise<string> {
  const rows = await q(sql<{ customer_id: string }>`select customer_id from customer_identities where corp_id = ${CORP} and kind = 'phone' and value = ${phone}`);
  return rows[0].customer_id;
}
async function stageOf(cid: string, pipelineId: string): Promise<string | null> {
  const rows = await q(sql<{ stage_id: string }>`select stage_id from customer_stages where corp_id = ${CORP} and customer_id = ${cid} and pipeline_id = ${pipelineId}`);
  return rows[0]?.stage_id ?? null;
}
async function historyOf(cid: string, pipelineId: string) {
  return q(sql<{ to_stage_id: string; source: string; actor_user_id: string | null }>`
    select to_stage_id, source, actor_user_id from customer_stage_history where corp_id = ${CORP} and customer_id = ${cid} and pipeline_id = ${pipelineId} order by id`);
}

type Run = { id: string; pipelineId: string; trigger: string; status: string; total: number; done: number; moved: number; stages: Array<{ stageId: string; moved: number }>; error: string | null };
const finished = (runId: string) =>
  until(`stage rule run ${runId}`, async () => {
    const r = await api<Run>('GET', `/api/stage-rule-runs/${runId}`);
    return r.body.status === 'done' || r.body.status === 'failed' ? r.body : null;
  });
async function applyRules(pipelineId: string): Promise<Run> {
  const started = await api<Run>('POST', `/api/pipelines/${pipelineId}/apply-rules`);
  expect(started.status).toBe(202);
  expect(started.body).toMatchObject({ pipelineId, trigger: 'manual' });
  return finished(started.body.id);
}

type Pipeline = { id: string; stages: Array<{ id: string; name: string; rule: unknown; customers: number }> };
async function createPipeline(name: string, stages: Array<{ name: string; rule?: unknown }>): Promise<Pipeline> {
  const created = await api<{ id: string }>('POST', '/api/pipelines', { name, stages });
  expect(created.status).toBe(201);
  const list = await api<{ items: Pipeline[] }>('GET', '/api/pipelines');
  return list.body.items.find((p) => p.id === created.body.id)!;
}

let p: Pipeline;
let [fresh, first, repeat] = ['', '', ''];

beforeAll(async () => {
  app = await startTestApp();
  s = await createCorpWithRoles(app, CORP);
  const res = await api<{ key: string }>('POST', '/api/api-keys', { name: 'shop', scopes: ['events:write'] });
  expect(res.status).toBe(201);
  key = res.body.key;
  // Customers who bought before any stage had a rule (for apply-rules).
  await send('13900000101', 'order');
  await send('13900000101', 'order');
  await send('13900000102', 'order');
  await send('13900000103', 'page_view');
  p = await createPipeline('购买频次', [{ name: '新客' }, { name: '首购', rule: FIRST }, { name: '复购', rule: REPEAT }]);
  [fresh, first, repeat] = p.stages.map((x) => x.id);
});
afterAll(async () => app?.cleanup());

describe('rule-driven stage moves', () => {
  it('stores entry rules and lists them', () => {
    expect(p.stages.map((x) => [x.name, x.rule])).toEqual([
      ['新客', null],
      ['首购', FIRST],
      ['复购', REPEAT],
    ]);
  });

  it('advances a customer 新客 → 首购 → 复购 as orders arrive, recorded as automatic moves', async () => {
    const phone = '13900000001';
    await send(phone, 'page_view');
    const cid = await customerId(phone);
    expect(await stageOf(cid, p.id)).toBeNull(); // 新客 has no rule: nobody enters it by itself
    expect((await api('PUT', `/api/customers/${cid}/stages/${p.id}`, { stageId: fresh })).status).toBe(200);

    await send(phone, 'order');
    expect(await stageOf(cid, p.id)).toBe(first);
    await send(phone, 'page_view'); // a change that matches nothing later: no move
    expect(await stageOf(cid, p.id)).toBe(first);
    await send(phone, 'order', 300);
    expect(await stageOf(cid, p.id)).toBe(repeat);

    expect(await historyOf(cid, p.id)).toEqual([
      { to_stage_id: fresh, source: 'manual', actor_user_id: s.admin.userId },
      { to_stage_id: first, source: 'rule', actor_user_id: null },
      { to_stage_id: repeat, source: 'rule', actor_user_id: null },
    ]);
    const history = await api<{ items: Array<{ toStageId: string; source: string }> }>('GET', `/api/customers/${cid}/stage-history`);
    expect(history.body.items.map((h) => h.source)).toEqual(['rule', 'rule', 'manual']);

    const timeline = await api<{ items: Array<{ type: string; source: string; properties: Record<string, unknown> }> }>(
      'GET',
      `/api/customers/${cid}/timeline?types=stage_moved`,
    );
    expect(timeline.body.items.map((e) => [e.source, e.properties.by, e.properties.fromStageId, e.properties.toStageId])).toEqual([
      ['rule', 'rule', first, repeat],
      ['rule', 'rule', fresh, first],
      ['manual', 'manual', null, fresh],
    ]);
    const prof = await api<{ stages: Array<{ pipelineId: string; stageName: string }> }>('GET', `/api/customers/${cid}/profile`);
    expect(prof.body.stages.find((x) => x.pipelineId === p.id)?.stageName).toBe('复购');
  });

  it('puts a customer with no stage straight into the latest matching stage', async () => {
    const phone = '13900000002';
    await send(phone, 'order');
    const cid = await customerId(phone);
    expect(await stageOf(cid, p.id)).toBe(first);
    expect((await historyOf(cid, p.id)).map((h) => h.source)).toEqual(['rule']);
  });

  it('never moves a customer back: a manual move forward stays, a manual move back is not undone by it', async () => {
    const phone = '13900000003';
    await send(phone, 'order');
    const cid = await customerId(phone);
    expect(await stageOf(cid, p.id)).toBe(first);
    expect((await api('PUT', `/api/customers/${cid}/stages/${p.id}`, { stageId: repeat })).status).toBe(200);
    await send(phone, 'page_view'); // re-evaluated: 首购 matches, 复购 does not — stays in 复购
    expect(await stageOf(cid, p.id)).toBe(repeat);
    expect((await historyOf(cid, p.id)).map((h) => h.source)).toEqual(['rule', 'manual']);

    // Moved back by hand: the move itself does not trigger the order rules.
    expect((await api('PUT', `/api/customers/${cid}/stages/${p.id}`, { stageId: fresh })).status).toBe(200);
    expect(await stageOf(cid, p.id)).toBe(fresh);
  });

  it('tells the other listeners about a rule move (a segment on the stage picks the customer up)', async () => {
    const seg = await api<{ id: string }>('POST', '/api/segments', {
      name: '复购客户',
      kind: 'segment',
      rule: { kind: 'stage', pipelineId: p.id, stageIds: [repeat] },
    });
    expect(seg.status).toBe(201);
    const phone = '13900000004';
    await send(phone, 'order');
    await send(phone, 'order');
    const cid = await customerId(phone);
    expect(await stageOf(cid, p.id)).toBe(repeat);
    const members = await q(sql<{ n: number }>`select count(*)::int as n from segment_members where corp_id = ${CORP} and segment_id = ${seg.body.id} and customer_id = ${cid}`);
    expect(members[0].n).toBe(1);
  });

  /** The pipeline's runs once every one of them has finished, newest first. */
  const settledRuns = (pipelineId: string) =>
    until(`stage rule runs of ${pipelineId}`, async () => {
      const runs = (await api<{ items: Run[] }>('GET', `/api/pipelines/${pipelineId}/rule-runs`)).body.items;
      return runs.length > 0 && runs.every((r) => r.status === 'done' || r.status === 'failed') ? runs : null;
    });

  it('applies a saved rule to the customers already there, forward only, with counts', async () => {
    const [c2, c1, none] = [await customerId('13900000101'), await customerId('13900000102'), await customerId('13900000103')];
    // Work earlier cases queued (a segment's fill, whose entries run the stage rules too) has finished, so the counts
    // below are this run's alone.
    await jobsIdle(app);
    const value = await createPipeline('客户价值', [{ name: '普通' }, { name: '潜力' }, { name: '重要' }]);
    const [plain, potential, important] = value.stages.map((x) => x.id);
    expect((await api<{ items: Run[] }>('GET', `/api/pipelines/${value.id}/rule-runs`)).body.items).toEqual([]);
    // A customer already put further by hand stays there.
    expect((await api('PUT', `/api/customers/${c1}/stages/${value.id}`, { stageId: important })).status).toBe(200);

    // Saving a rule starts a run of the pipeline: every customer with an order (but c1) reaches 潜力.
    const expected = await q(sql<{ n: number }>`select count(*)::int as n from customer_order_stats where corp_id = ${CORP} and customer_id <> ${c1}`);
    expect((await api('PATCH', `/api/stages/${potential}`, { rule: FIRST })).status).toBe(204);
    const [firstRun] = await settledRuns(value.id);
    expect(firstRun).toMatchObject({ trigger: 'manual', status: 'done', total: 1, done: 1, moved: expected[0].n, error: null });
    expect(firstRun.stages).toEqual([{ stageId: potential, moved: expected[0].n }]);
    expect(await stageOf(c2, value.id)).toBe(potential);

    // The second rule's run takes on those who qualify for 重要.
    expect((await api('PATCH', `/api/stages/${important}`, { rule: { all: [REPEAT, { kind: 'orders', measure: 'amount', op: 'gte', value: 200 }] } })).status).toBe(204);
    const [second] = await settledRuns(value.id);
    expect(second.id).not.toBe(firstRun.id);
    const importantN = await q(sql<{ n: number }>`select count(*)::int as n from customer_stages where corp_id = ${CORP} and stage_id = ${important}`);
    expect(second).toMatchObject({ status: 'done', total: 2, moved: importantN[0].n - 1, error: null });
    expect(second.stages).toEqual([
      { stageId: important, moved: importantN[0].n - 1 },
      { stageId: potential, moved: 0 },
    ]);
    expect(await stageOf(c2, value.id)).toBe(important);
    expect(await stageOf(c1, value.id)).toBe(important);
    expect(await stageOf(none, value.id)).toBeNull();
    expect((await historyOf(c2, value.id)).map((h) => [h.to_stage_id, h.source])).toEqual([
      [potential, 'rule'],
      [important, 'rule'],
    ]);
    expect((await historyOf(c1, value.id)).map((h) => h.source)).toEqual(['manual']);

    // Applying on request finds nothing left to move.
    const again = await applyRules(value.id);
    expect([again.status, again.moved]).toEqual(['done', 0]);
    const runs = await api<{ items: Run[] }>('GET', `/api/pipelines/${value.id}/rule-runs`);
    expect(runs.body.items.map((r) => [r.id, r.moved])).toEqual([[again.id, 0], [second.id, second.moved], [firstRun.id, expected[0].n]]);
    // Clearing a rule turns its stage back to manual only (and starts no run).
    expect((await api('PATCH', `/api/stages/${potential}`, { rule: null })).status).toBe(204);
    const list = await api<{ items: Pipeline[] }>('GET', '/api/pipelines');
    expect(list.body.items.find((x) => x.id === value.id)!.stages.map((x) => x.rule === null)).toEqual([true, true, false]);
    expect((await api<{ items: Run[] }>('GET', `/api/pipelines/${value.id}/rule-runs`)).body.items).toHaveLength(3);
    expect(plain).toBeTruthy();
  });

  it('a new pipeline with rules applies them, and rules saved one after another all reach the customers', async () => {
    const [c2, none] = [await customerId('13900000101'), await customerId('13900000103')];
    await jobsIdle(app);
    const withOrders = await q(sql<{ n: number }>`select count(*)::int as n from customer_order_stats where corp_id = ${CORP}`);
    const tier = await createPipeline('会员层级', [{ name: '访客' }, { name: '买家', rule: FIRST }, { name: '熟客' }]);
    const [, buyer, regular] = tier.stages.map((x) => x.id);
    // Saved while the creation's run may still be under way: whichever run applies it, it reaches the customers.
    expect((await api('PATCH', `/api/stages/${regular}`, { rule: REPEAT })).status).toBe(204);
    await settledRuns(tier.id);
    const placed = await q(sql<{ stage_id: string; n: number }>`select stage_id, count(*)::int as n from customer_stages where corp_id = ${CORP} and pipeline_id = ${tier.id} group by stage_id`);
    const repeaters = await q(sql<{ n: number }>`select count(*)::int as n from customer_order_stats where corp_id = ${CORP} and order_count >= 2`);
    const on = (id: string) => placed.find((r) => r.stage_id === id)?.n ?? 0;
    expect(on(regular)).toBe(repeaters[0].n);
    expect(on(buyer) + on(regular)).toBe(withOrders[0].n);
    expect(await stageOf(c2, tier.id)).toBe(regular);
    expect(await stageOf(none, tier.id)).toBeNull();
  });

  it('re-applies rules on a schedule, so a rule that depends on time moves customers as time passes', async () => {
    const phone = '13900000201';
    await send(phone, 'order');
    const cid = await customerId(phone);
    // Saving the pipeline applies its rules: the customer, who has ordered, reaches 首购.
    const activity = await createPipeline('活跃度', [{ name: '活跃' }, { name: '首购', rule: FIRST }, { name: '沉睡', rule: { kind: 'orders', measure: 'days_since_last', op: 'gte', value: 30 } }]);
    const [firstBuy, asleep] = [activity.stages[1].id, activity.stages[2].id];
    await settledRuns(activity.id);
    expect(await stageOf(cid, activity.id)).toBe(firstBuy);
    const firstBuyers = await q(sql<{ n: number }>`select count(*)::int as n from customer_stages where corp_id = ${CORP} and stage_id = ${firstBuy}`);
    // Forty days pass: nothing about the customer changes, only the clock (their order is now 40 days old).
    await app.ctx.database.ownerSql(`update orders set paid_at = paid_at - interval '40 days' where corp_id = $1 and customer_id = $2`, [CORP, cid]);
    expect(await stageOf(cid, activity.id)).toBe(firstBuy);

    // 首购 does not read the clock (the customer-change reaction keeps it current), so the schedule re-applies 沉睡 only.
    expect(await app.stages.scheduleRuns()).toBeGreaterThanOrEqual(1);
    const run = await until('scheduled run', async () => {
      const runs = await api<{ items: Run[] }>('GET', `/api/pipelines/${activity.id}/rule-runs`);
      const r = runs.body.items[0];
      return r && r.trigger === 'schedule' && r.status === 'done' ? r : null;
    });
    expect(run).toMatchObject({ trigger: 'schedule', total: 1, moved: 1, stages: [{ stageId: asleep, moved: 1 }] });
    const stillFirst = await q(sql<{ n: number }>`select count(*)::int as n from customer_stages where corp_id = ${CORP} and stage_id = ${firstBuy}`);
    expect(stillFirst[0].n).toBe(firstBuyers[0].n - 1);
    expect(await stageOf(cid, activity.id)).toBe(asleep);
    expect((await historyOf(cid, activity.id)).map((h) => [h.to_stage_id, h.source])).toEqual([
      [firstBuy, 'rule'],
      [asleep, 'rule'],
    ]);
    const timeline = await q(sql<{ n: number }>`select count(*)::int as n from events where corp_id = ${CORP} and customer_id = ${cid} and type = 'stage_moved' and properties->>'toStageId' = ${asleep}`);
    expect(timeline[0].n).toBe(1);
  });

  it('the schedule re-runs only rules the clock can make match someone new; a request applies every rule', async () => {
    const recent = { kind: 'orders', measure: 'amount', within: { lastDays: 90 }, op: 'gte', value: 1 }; // only loses customers with time
    const asleepRule = { kind: 'orders', measure: 'days_since_last', op: 'gte', value: 30 }; // only gains customers with time
    const funnel = await createPipeline('时效', [{ name: '访客' }, { name: '买过', rule: FIRST }, { name: '近购', rule: recent }, { name: '沉睡', rule: asleepRule }]);
    const [, bought, recentStage, asleep] = funnel.stages.map((x) => x.id);
    await settledRuns(funnel.id);
    // Two customers whose orders are written straight to the tables, as if each had matched all along while no
    // customer-change reaction ran: one ordered 10 days ago (matches 买过 and 近购), one 40 days ago (also 沉睡).
    const [ten, forty] = ['13900000301', '13900000302'];
    const ids: string[] = [];
    for (const [phone, days] of [[ten, 10], [forty, 40]] as const) {
      const { rows } = await app.ctx.database.ownerSql(
        `insert into customers (corp_id, external_userid, name, phone) values ($1, $2, $2, $3) returning id`,
        [CORP, `wm${phone}`, phone],
      );
      const id = (rows[0] as { id: string }).id;
      ids.push(id);
      await app.ctx.database.ownerSql(
        `insert into orders (corp_id, customer_id, order_no, amount, paid_at, items) values ($1, $2, $3, 100, now() - $4 * interval '1 day', '[]')`,
        [CORP, id, `SO-direct-${phone}`, days],
      );
    }
    const [tenId, fortyId] = ids;

    // The schedule evaluates 沉睡 alone: 买过 does not read the clock, and 近购, already applied as it is, can only lose
    // customers as time passes. Evaluating either would have moved the first customer.
    expect(await app.stages.scheduleRuns()).toBeGreaterThanOrEqual(1);
    const run = await until('scheduled run', async () => {
      const r = (await api<{ items: Run[] }>('GET', `/api/pipelines/${funnel.id}/rule-runs`)).body.items[0];
      return r && r.trigger === 'schedule' && r.status === 'done' ? r : null;
    });
    expect(run).toMatchObject({ total: 1, moved: 1, stages: [{ stageId: asleep, moved: 1 }] });
    expect(await stageOf(tenId, funnel.id)).toBeNull();
    expect(await stageOf(fortyId, funnel.id)).toBe(asleep);

    // Asked for in the console, every rule is applied: the first customer reaches 近购.
    const applied = await applyRules(funnel.id);
    expect(applied).toMatchObject({ status: 'done', total: 3, moved: 1 });
    expect(applied.stages).toEqual([
      { stageId: asleep, moved: 0 },
      { stageId: recentStage, moved: 1 },
      { stageId: bought, moved: 0 },
    ]);
    expect(await stageOf(tenId, funnel.id)).toBe(recentStage);
  });

  it('rejects a bad rule with 400 and a code, and leaves the stage as it was', async () => {
    const bad = [
      { kind: 'orders', measure: 'count', op: 'between', value: 1 }, // semantic: between needs a pair
      { kind: 'tags', match: 'any', tagIds: ['no-such-tag'] }, // unknown reference
      { kind: 'no_such_kind' }, // structure
      { all: [{ kind: 'orders', measure: 'count', op: 'gte' }] }, // missing operand
    ];
    for (const rule of bad) {
      const r = await api<{ code: string; message: string }>('PATCH', `/api/stages/${first}`, { rule });
      expect(r.status, JSON.stringify(rule)).toBe(400);
      expect(typeof r.body.code).toBe('string');
    }
    const semantic = await api<{ code: string }>('POST', `/api/pipelines/${p.id}/stages`, { name: '坏规则', rule: bad[0] });
    expect(semantic.body.code).toBe('invalid_rule');
    const unknownTag = await api<{ code: string }>('POST', '/api/pipelines', { name: 'x', stages: [{ name: 'y', rule: bad[1] }] });
    expect([unknownTag.status, unknownTag.body.code]).toEqual([400, 'invalid_rule']);
    const stages = await q(sql<{ rule: unknown }>`select rule from stages where corp_id = ${CORP} and id = ${first}`);
    expect(stages[0].rule).toEqual(FIRST);
    const pipelines = await q(sql<{ n: number }>`select count(*)::int as n from pipelines where corp_id = ${CORP} and name = 'x'`);
    expect(pipelines[0].n).toBe(0);
  });

  it('refuses a rule that refers back to its own stage, directly or through segments, before writing anything', async () => {
    const [before] = await q(sql<{ name: string; rule: unknown }>`select name, rule from stages where corp_id = ${CORP} and id = ${first}`);
    const self = await api<{ code: string; message: string }>('PATCH', `/api/stages/${first}`, {
      name: '自指',
      rule: { all: [FIRST, { kind: 'stage', pipelineId: p.id, stageIds: [first] }] },
    });
    expect([self.status, self.body.code, self.body.message]).toEqual([400, 'stage_rule_cycle', stagesErrors.stage_rule_cycle['zh-CN']]);
    const inFirst = await api<{ id: string }>('POST', '/api/segments', { name: '在首购阶段', rule: { kind: 'stage', pipelineId: p.id, stageIds: [first] }, kind: 'segment' });
    const outer = await api<{ id: string }>('POST', '/api/segments', { name: '经由分群', rule: { any: [{ kind: 'segment', segmentId: inFirst.body.id }] }, kind: 'segment' });
    expect([inFirst.status, outer.status]).toEqual([201, 201]);
    const through = await api<{ code: string }>('PATCH', `/api/stages/${first}`, { name: '自指', rule: { kind: 'segment', segmentId: outer.body.id } });
    expect([through.status, through.body.code]).toEqual([400, 'stage_rule_cycle']);
    const [after] = await q(sql<{ name: string; rule: unknown }>`select name, rule from stages where corp_id = ${CORP} and id = ${first}`);
    expect(after).toEqual(before);
    expect((await api('DELETE', `/api/segments/${outer.body.id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/segments/${inFirst.body.id}`)).status).toBe(204);
  });

  it('lets only admins and operators edit rules and apply them', async () => {
    for (const role of ['staff', 'analyst'] as const) {
      expect((await as(role, 'PATCH', `/api/stages/${first}`, { rule: REPEAT })).status).toBe(403);
      expect((await as(role, 'POST', `/api/pipelines/${p.id}/stages`, { name: 'z', rule: REPEAT })).status).toBe(403);
      expect((await as(role, 'POST', `/api/pipelines/${p.id}/apply-rules`)).status).toBe(403);
    }
    expect((await as('operator', 'PATCH', `/api/stages/${first}`, { rule: FIRST })).status).toBe(204);
    const started = await as<Run>('operator', 'POST', `/api/pipelines/${p.id}/apply-rules`);
    expect(started.status).toBe(202);
    expect((await finished(started.body.id)).status).toBe('done');
    // A pipeline without rules has nothing to apply.
    const manual = await createPipeline('手动', [{ name: '甲' }]);
    const none = await api<{ code: string }>('POST', `/api/pipelines/${manual.id}/apply-rules`);
    expect([none.status, none.body.code]).toEqual([409, 'stage_rules_none']);
    expect((await api('GET', '/api/stage-rule-runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
