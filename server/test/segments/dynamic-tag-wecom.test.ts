// Dynamic tags against the WeCom sandbox: the demo segments are created at start-up, a purchase tags the customer
// (follows.tag_ids at once, WeCom through mark_tag), and a new friend's channel moves segments via the callback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { recordEvent } from '../../src/platform/events';
import {
  CHURN_SEGMENT_NAME,
  FRUIT_SEGMENT_NAME,
  FRUIT_TAG_NAME,
  seedDemoSegments,
} from '../../src/modules/segments/seed-demo-segments';
import { until } from '../helpers/until';
import { runSync, settle, startHarness, type Harness } from '../wecom/harness';

const CORP = 'wwsegtags';
let h: Harness;

beforeAll(async () => {
  h = await startHarness(CORP);
  await h.sb(`/sandbox/corps/${CORP}/population`, { seed: 5, staff: 2, customers: 0, groups: 0 });
  await runSync(h, 'sync');
}, 120_000);
afterAll(async () => h?.close());

type SandboxFollow = { userid: string; external_userid: string; tag_ids: string[] };

describe('dynamic tags on WeCom', () => {
  it('creates the demo segments and writes 爱水果 to WeCom after a fruit purchase', async () => {
    const customer = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, {
      name: '爱吃水果的客户',
    });
    await h.sb(`/sandbox/corps/${CORP}/add-friend`, {
      external_userid: customer.external_userid,
      userid: 'staff001',
      state: 'ch_fruit',
    });
    await settle(h);
    await seedDemoSegments(h.app.ctx, h.app.wecom, h.app.segments.service, CORP);
    const list = await h.api<{ items: Array<{ name: string; kind: string; tagId: string | null }> }>(
      'GET',
      '/api/segments',
    );
    expect(list.body.items.map((s) => s.name).sort()).toEqual([CHURN_SEGMENT_NAME, FRUIT_SEGMENT_NAME].sort());
    const tagId = list.body.items.find((s) => s.kind === 'dynamic_tag')!.tagId!;
    const state = await h.sb<{ tag_groups: Array<{ tag: Array<{ id: string; name: string }> }> }>(
      `/sandbox/corps/${CORP}/state`,
    );
    expect(state.tag_groups.flatMap((g) => g.tag).find((t) => t.id === tagId)?.name).toBe(FRUIT_TAG_NAME);

    const db = h.app.ctx.db;
    const c = await withCorp(db, CORP, (tx) =>
      tx
        .selectFrom('customers')
        .select('id')
        .where('corp_id', '=', CORP)
        .where('external_userid', '=', customer.external_userid)
        .executeTakeFirstOrThrow(),
    );
    await withCorp(db, CORP, async (tx) => {
      await tx
        .insertInto('orders')
        .values({
          corp_id: CORP,
          customer_id: c.id,
          order_no: 'fruit-1',
          amount: 88,
          paid_at: new Date(),
          items: JSON.stringify([{ sku: 'a1', name: '烟台苹果', category: '水果', quantity: 2 }]),
          store_id: null,
          staff_userid: null,
        })
        .execute();
      await recordEvent(tx, CORP, { type: 'customer.updated', customerId: c.id, data: { fields: ['order'] } });
    });
    const follow = await withCorp(db, CORP, (tx) =>
      tx
        .selectFrom('follows')
        .select('tag_ids')
        .where('corp_id', '=', CORP)
        .where('customer_id', '=', c.id)
        .executeTakeFirstOrThrow(),
    );
    expect(follow.tag_ids).toContain(tagId);
    await until('mark_tag reached WeCom', async () => {
      await h.app.segments.drainTagsNow(CORP);
      const s = await h.sb<{ follows: SandboxFollow[] }>(`/sandbox/corps/${CORP}/state`);
      return s.follows.find((f) => f.external_userid === customer.external_userid)?.tag_ids.includes(tagId);
    });
    const outbox = await withCorp(db, CORP, (tx) =>
      tx.selectFrom('segment_tag_outbox').selectAll().where('corp_id', '=', CORP).execute(),
    );
    expect(outbox).toEqual([]);
  });

  it('moves a customer into a channel segment when the add-friend callback arrives', async () => {
    const created = await h.api<{ id: string }>('POST', '/api/segments', {
      name: '来自直播',
      rule: { kind: 'channel', states: ['ch_live'] },
      kind: 'segment',
    });
    expect(created.status).toBe(201);
    await h.app.segments.refreshNow(CORP, created.body.id);
    const customer = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: '直播客户' });
    await h.sb(`/sandbox/corps/${CORP}/add-friend`, {
      external_userid: customer.external_userid,
      userid: 'staff002',
      state: 'ch_live',
    });
    await settle(h);
    const members = await h.api<{ total: number; items: Array<{ externalUserid: string }> }>(
      'GET',
      `/api/segments/${created.body.id}/members`,
    );
    expect(members.body.items.map((m) => m.externalUserid)).toEqual([customer.external_userid]);
    const entered = await withCorp(h.app.ctx.db, CORP, (tx) =>
      tx
        .selectFrom('events')
        .select('type')
        .where('corp_id', '=', CORP)
        .where('type', '=', 'segment.entered')
        .execute(),
    );
    expect(entered.length).toBeGreaterThanOrEqual(1);
  });
});
