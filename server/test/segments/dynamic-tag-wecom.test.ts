// Dynamic tags against the WeCom sandbox: the demo segments are created at start-up, a purchase tags the customer
// (follows.tag_ids at once, WeCom through mark_tag), and a new friend's channel moves segments via the callback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { withCorp } from '../../src/db/tenancy';
import { recordEvent } from '../../src/platform/events';
import {
  CHURN_SEGMENT_NAME,
  FRUIT_SEGMENT_NAME,
  FRUIT_TAG_NAME,
  seedDemoSegments,
} from '../../src/modules/segments/seed-demo-segments';
import { jobsIdle } from '../helpers/jobs-idle';
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
  it('folds a batch of pending tag changes into one mark_tag per follow, and keeps a failed one for the next try', async () => {
    const customer = await h.sb<{ external_userid: string }>(`/sandbox/corps/${CORP}/customers`, { name: '两位导购的客户' });
    const ext = customer.external_userid;
    for (const userid of ['staff001', 'staff002']) await h.sb(`/sandbox/corps/${CORP}/add-friend`, { external_userid: ext, userid });
    await settle(h);
    // A tag-sync job an earlier step queued (it starts a second after the change) would drain the rows below beside
    // drainTagsNow, and the mark_tag count with them: wait until no job is due.
    await jobsIdle(h.app);
    const state = await h.sb<{ tag_groups: Array<{ tag: Array<{ id: string }> }> }>(`/sandbox/corps/${CORP}/state`);
    const [kept, dropped, later] = state.tag_groups.flatMap((g) => g.tag.map((t) => t.id));
    const db = h.app.ctx.db;
    const enqueue = (changes: Array<[string, 'add' | 'remove']>) =>
      withCorp(db, CORP, async (tx) => {
        const { id } = await tx.selectFrom('customers').select('id').where('corp_id', '=', CORP).where('external_userid', '=', ext).executeTakeFirstOrThrow();
        for (const [tag, op] of changes)
          await sql`INSERT INTO segment_tag_outbox (corp_id, customer_id, tag_id, op) VALUES (${CORP}, ${id}, ${tag}, ${op})`.execute(tx);
      });
    const markTagCalls = () =>
      [...h.sandbox.state.rateCounters].filter(([k]) => k.startsWith(`${CORP}|externalcontact/mark_tag|h`)).reduce((n, [, v]) => n + v, 0);
    const tagsInWecom = async () => {
      const s = await h.sb<{ follows: SandboxFollow[] }>(`/sandbox/corps/${CORP}/state`);
      return s.follows.filter((f) => f.external_userid === ext).map((f) => [f.userid, [...f.tag_ids].sort()]);
    };

    // add, add, then remove one of them: the remove is the last word on that tag
    await enqueue([[kept, 'add'], [dropped, 'add'], [dropped, 'remove']]);
    const calls = markTagCalls();
    expect(await h.app.segments.drainTagsNow(CORP)).toEqual({ sent: 3, failed: 0 });
    expect(markTagCalls() - calls).toBe(2); // one per staff member, not one per row
    expect((await tagsInWecom()).sort()).toEqual([['staff001', [kept]], ['staff002', [kept]]]);

    await h.sb('/sandbox/faults', { corp_id: CORP, api: 'externalcontact/mark_tag', errcode: 40068, times: 1 });
    await enqueue([[later, 'add']]);
    expect(await h.app.segments.drainTagsNow(CORP)).toEqual({ sent: 0, failed: 1 });
    const waiting = await withCorp(db, CORP, (tx) =>
      tx.selectFrom('segment_tag_outbox').select(['tag_id', 'attempts', 'error']).where('corp_id', '=', CORP).execute(),
    );
    expect(waiting).toEqual([{ tag_id: later, attempts: 1, error: expect.stringContaining('40068') }]);
    expect(await h.app.segments.drainTagsNow(CORP)).toEqual({ sent: 1, failed: 0 });
    expect((await tagsInWecom()).sort()).toEqual([['staff001', [kept, later].sort()], ['staff002', [kept, later].sort()]]);
  });
});
