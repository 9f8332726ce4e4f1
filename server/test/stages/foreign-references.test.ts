// Ids of another corp are refused as references (400 with a code) before anything is written or sent to WeCom:
// stage entry rules naming corp B's pipeline, stage or tag, and a channel code giving corp B's tag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { createCorpWithRoles, type Session } from '../helpers/test-app';
import { runSync, startHarness, type Harness } from '../wecom/harness';

const A = 'wwforeignref_a';
const B = 'wwforeignref_b';
let h: Harness;
let bAdmin: Session;
let bPipeline: string;
let bStage: string;
let aPipeline: string;
let aStage: string;
let aOther: string;

type Pipelines = { items: Array<{ id: string; name: string; stages: Array<{ id: string }> }> };

async function as(session: Session, method: string, url: string, payload?: unknown) {
  const res = await h.app.app.inject({ method: method as 'GET', url, headers: { cookie: session.cookie }, payload: payload as object });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
}

beforeAll(async () => {
  h = await startHarness(A);
  await h.sb(`/sandbox/corps/${A}/population`, { seed: 'refs', staff: 1, customers: 0, groups: 0 });
  expect((await runSync(h, 'sync')).status).toBe('done');
  bAdmin = (await createCorpWithRoles(h.app, B)).admin;
  expect((await as(bAdmin, 'POST', '/api/pipelines', { name: 'B 阶段', stages: [{ name: 'B1' }] })).status).toBe(201);
  const bp = (await as(bAdmin, 'GET', '/api/pipelines')).body as unknown as Pipelines;
  bPipeline = bp.items.find((p) => p.name === 'B 阶段')!.id;
  bStage = bp.items.find((p) => p.name === 'B 阶段')!.stages[0].id;
  await withCorp(h.app.ctx.db, B, async (tx) => {
    await tx.insertInto('tag_groups').values({ corp_id: B, group_id: 'etBgroup', name: 'B 组' }).execute();
    await tx.insertInto('tags').values({ corp_id: B, tag_id: 'etBtag', group_id: 'etBgroup', name: 'B 标签' }).execute();
  });
  expect((await h.api('POST', '/api/pipelines', { name: 'A 阶段', stages: [{ name: 'A1' }, { name: 'A2' }] })).status).toBe(201);
  const ap = (await h.api<Pipelines>('GET', '/api/pipelines')).body;
  aPipeline = ap.items.find((p) => p.name === 'A 阶段')!.id;
  aStage = ap.items.find((p) => p.name === 'A 阶段')!.stages[0].id;
  aOther = ap.items.find((p) => p.name === 'A 阶段')!.stages[1].id;
}, 120_000);

afterAll(async () => h?.close());

const countPipelines = async () => (await withCorp(h.app.ctx.db, A, (tx) => tx.selectFrom('pipelines').select('id').where('corp_id', '=', A).execute())).length;

describe("another corp's ids as references", () => {
  it("a stage rule naming corp B's pipeline, stage or tag is a 400 and writes nothing", async () => {
    const before = await countPipelines();
    const rules = [
      { kind: 'stage', pipelineId: bPipeline, stageIds: [bStage] },
      { kind: 'stage', pipelineId: aPipeline, stageIds: [bStage] },
      { kind: 'tags', match: 'any', tagIds: ['etBtag'] },
    ];
    for (const rule of rules) {
      const created = await h.api<{ code: string }>('POST', '/api/pipelines', { name: '新阶段组', stages: [{ name: 'S', rule }] });
      expect(created.status, JSON.stringify(rule)).toBe(400);
      expect(created.body.code).toBe('invalid_rule');
      const patched = await h.api<{ code: string }>('PATCH', `/api/stages/${aStage}`, { rule });
      expect(patched.status, JSON.stringify(rule)).toBe(400);
      const added = await h.api<{ code: string }>('POST', `/api/pipelines/${aPipeline}/stages`, { name: 'S2', rule });
      expect(added.status, JSON.stringify(rule)).toBe(400);
    }
    expect(await countPipelines()).toBe(before);
    const stage = await withCorp(h.app.ctx.db, A, (tx) => tx.selectFrom('stages').select('rule').where('corp_id', '=', A).where('id', '=', aStage).executeTakeFirstOrThrow());
    expect(stage.rule).toBeNull();
    // its own pipeline and stage are accepted (another stage: a rule naming the stage it belongs to is a cycle)
    const own = await h.app.app.inject({ method: 'PATCH', url: `/api/stages/${aStage}`, headers: { cookie: h.admin.cookie }, payload: { rule: { kind: 'stage', pipelineId: aPipeline, stageIds: [aOther] } } });
    expect(own.statusCode).toBe(204);
  });

  it("a channel code with corp B's tag is a 400 and nothing reaches WeCom", async () => {
    const ways = async () => (await h.sb<{ contact_ways: unknown[] }>(`/sandbox/corps/${A}/state`)).contact_ways.length;
    const before = await ways();
    const staff = (await h.sb<{ staff: Array<{ userid: string }> }>(`/sandbox/corps/${A}/state`)).staff[0].userid;
    const res = await h.api<{ code: string }>('POST', '/api/channels', { name: '门店', staffUserids: [staff], tagIds: ['etBtag'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('tag_unknown');
    expect(await ways()).toBe(before);
    const local = await withCorp(h.app.ctx.db, A, (tx) => tx.selectFrom('channel_codes').select('id').where('corp_id', '=', A).execute());
    expect(local).toEqual([]);
  });
});
