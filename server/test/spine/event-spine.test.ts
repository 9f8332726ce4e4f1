// The event spine end to end: one scan of a channel code whose auto-tag puts the customer in a segment, and a stage
// whose entry rule is "in that segment". Everything happens inside the transaction that applies the callback: the
// follow, the tag, the segment entry and the stage move; a module reacting to segment.entered sees it exactly once.
import type { DomainEvent } from '@siyu/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp, type Tx } from '../../src/db/tenancy';
import type { SiyuModule } from '../../src/platform/module';
import { until } from '../helpers/until';
import { runSync, startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwspine0001';
type Seen = { type: string; customerId: string | null; txid: string; data: unknown };
const seen: Seen[] = [];

const txid = async (tx: Tx) => (await sql<{ id: string }>`select txid_current()::text as id`.execute(tx)).rows[0].id;
const note = async (tx: Tx, _corpId: string, events: DomainEvent[]) => {
  const id = await txid(tx);
  for (const e of events) seen.push({ type: e.type, customerId: e.customerId, txid: id, data: e.data });
};

// A probe module, declared like any other: what it reacts to, and in which phase.
const probe: SiyuModule = {
  name: 'probe',
  phase: 'derive',
  on: {
    'follow.added': note,
    'tag.added': note,
    'segment.entered': note,
    'stage.changed': note,
  },
};

let h: Harness;

beforeAll(async () => {
  h = await startHarness(CORP, { modules: [probe] });
  await h.sb(`/sandbox/corps/${CORP}/population`, { staff: 2, customers: 0, groups: 0, seed: 'spine' });
  await runSync(h, 'sync');
}, 120_000);
afterAll(async () => h?.close());

describe('event spine', () => {
  it('moves a scanned customer through auto-tag → segment → stage in the callback’s own transaction, announcing the entry once', async () => {
    const state = await h.sb<{ staff: Array<{ userid: string }>; tag_groups: Array<{ tag: Array<{ id: string }> }> }>(`/sandbox/corps/${CORP}/state`);
    const tagId = state.tag_groups.flatMap((g) => g.tag)[0].id;
    const code = await h.api<{ id: string; configId: string }>('POST', '/api/channels', { name: '门店海报', staffUserids: [state.staff[0].userid], tagIds: [tagId] });
    expect(code.status).toBe(201);
    const segment = await h.api<{ id: string }>('POST', '/api/segments', { name: '海报来的', kind: 'segment', rule: { kind: 'tags', match: 'any', tagIds: [tagId] } });
    expect(segment.status).toBe(201);
    const pipeline = await h.api<{ id: string }>('POST', '/api/pipelines', {
      name: '门店旅程',
      stages: [{ name: '陌生' }, { name: '海报客', rule: { kind: 'segment', segmentId: segment.body.id } }],
    });
    expect(pipeline.status).toBe(201);
    const stages = (await h.api<{ items: Array<{ id: string; stages: Array<{ id: string; name: string }> }> }>('GET', '/api/pipelines')).body.items.find(
      (p) => p.id === pipeline.body.id,
    )!.stages;
    const posterStage = stages.find((s) => s.name === '海报客')!.id;

    const customer = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: '韩梅梅' });
    await h.sb(`/sandbox/corps/${CORP}/scan-contact-way`, { external_userid: customer.external_userid, config_id: code.body.configId });

    const customerId = await until(
      'the customer is in the poster stage',
      async () => {
        const row = await withCorp(h.app.ctx.db, CORP, (tx) =>
          tx
            .selectFrom('customers as c')
            .innerJoin('customer_stages as cs', (j) => j.onRef('cs.corp_id', '=', 'c.corp_id').onRef('cs.customer_id', '=', 'c.id'))
            .select(['c.id', 'cs.stage_id'])
            .where('c.corp_id', '=', CORP)
            .where('c.external_userid', '=', customer.external_userid)
            .executeTakeFirst(),
        );
        return row?.stage_id === posterStage ? row.id : null;
      },
      10_000,
      50,
    );
    await h.app.wecom.inbox.idle();

    const mine = seen.filter((s) => s.customerId === customerId);
    const added = mine.filter((s) => s.type === 'follow.added');
    const tagged = mine.filter((s) => s.type === 'tag.added');
    const entered = mine.filter((s) => s.type === 'segment.entered' && (s.data as { segmentId: string }).segmentId === segment.body.id);
    const moved = mine.filter((s) => s.type === 'stage.changed');
    expect(added).toHaveLength(1);
    expect(tagged).toHaveLength(1);
    expect(entered).toHaveLength(1);
    expect(moved).toHaveLength(1);
    expect(moved[0].data).toMatchObject({ pipelineId: pipeline.body.id, toStageId: posterStage, by: 'rule' });
    // One transaction: the callback's.
    expect(new Set([added[0].txid, tagged[0].txid, entered[0].txid, moved[0].txid]).size).toBe(1);

    // The timeline shows the same facts, each once.
    const timeline = await withCorp(h.app.ctx.db, CORP, (tx) =>
      tx.selectFrom('events').select('type').where('corp_id', '=', CORP).where('customer_id', '=', customerId).orderBy('id').execute(),
    );
    expect(timeline.map((e) => e.type)).toEqual(['follow_added', 'channel.add', 'segment.entered', 'stage_moved']);
  });
});
