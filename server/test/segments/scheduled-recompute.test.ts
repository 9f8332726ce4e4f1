// A scheduled recompute is there for what the clock changes: between two passes over every customer it skips a segment
// whose rule does not read the clock. Data written here straight into the tables (no incremental re-evaluation) shows
// which segments each pass recomputed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '@siyu/contracts';
import { withCorp } from '../../src/db/tenancy';
import { refreshSegments } from '../../src/modules/segments/refresh-segments.job';
import { FULL_RECOMPUTE_EVERY_MS, scheduledRecomputeNeeded } from '../../src/modules/segments/recompute-scope';
import type { ActiveSegment } from '../../src/modules/segments/segments.repo';
import { jobsIdle } from '../helpers/jobs-idle';
import { createCorpWithRoles, startTestApp, type Session, type TestApp } from '../helpers/test-app';

const CORP = 'corp_seg_sched';
const DAY = 86_400_000;
let app: TestApp;
let admin: Session;
const customer: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
const segment: Record<'recent' | 'vip' | 'lapsed', string> = { recent: '', vip: '', lapsed: '' };

const q = <T>(fn: Parameters<typeof withCorp<T>>[2]) => withCorp(app.ctx.db, CORP, fn);
const RULES: Record<keyof typeof segment, Rule> = {
  recent: { kind: 'orders', measure: 'count', within: { lastDays: 30 }, op: 'gte', value: 1 }, // the clock empties it
  vip: { kind: 'tags', match: 'any', tagIds: ['tag_vip'] }, // the clock does nothing
  lapsed: { kind: 'orders', measure: 'days_since_last', op: 'gte', value: 30 }, // the clock only fills it
};

async function addOrder(customerId: string, daysAgo: number) {
  await q((tx) =>
    tx
      .insertInto('orders')
      .values({ corp_id: CORP, customer_id: customerId, order_no: `o-${Math.random()}`, amount: 100, paid_at: new Date(Date.now() - daysAgo * DAY), items: '[]', store_id: null, staff_userid: null })
      .execute(),
  );
}

async function members(key: keyof typeof segment): Promise<string[]> {
  const rows = await q((tx) => tx.selectFrom('segment_members').select('customer_id').where('corp_id', '=', CORP).where('segment_id', '=', segment[key]).execute());
  const names = new Map(Object.entries(customer).map(([k, v]) => [v, k]));
  return rows.map((r) => names.get(r.customer_id)!).sort();
}

const refreshed = async (key: keyof typeof segment) =>
  (await q((tx) => tx.selectFrom('segments').select(['refreshed_at', 'member_count']).where('corp_id', '=', CORP).where('id', '=', segment[key]).executeTakeFirstOrThrow()));

beforeAll(async () => {
  app = await startTestApp();
  admin = (await createCorpWithRoles(app, CORP)).admin;
  await q(async (tx) => {
    await tx.insertInto('tag_groups').values({ corp_id: CORP, group_id: 'g1', name: '兴趣' }).execute();
    await tx.insertInto('tags').values({ corp_id: CORP, tag_id: 'tag_vip', group_id: 'g1', name: 'VIP' }).execute();
    const rows = await tx
      .insertInto('customers')
      .values(['甲', '乙', '丙'].map((name, i) => ({ corp_id: CORP, name, external_userid: `wm_s${i}`, phone: null, avatar: null, type: 1, gender: 1, unionid: null, corp_name: null })))
      .returning('id')
      .execute();
    [customer.a, customer.b, customer.c] = rows.map((r) => r.id);
    await tx
      .insertInto('follows')
      .values(rows.map((r, i) => ({ corp_id: CORP, customer_id: r.id, staff_userid: 'staff_a', state: null, tag_ids: i === 0 ? ['tag_vip'] : [], remark: null, description: null, add_way: 1, oper_userid: null, remark_corp_name: null })))
      .execute();
  });
  await addOrder(customer.a, 5);
  await addOrder(customer.b, 40);
  for (const key of Object.keys(segment) as Array<keyof typeof segment>) {
    const res = await app.app.inject({ method: 'POST', url: '/api/segments', headers: { cookie: admin.cookie }, payload: { name: key, rule: RULES[key], kind: 'segment' } });
    expect(res.statusCode).toBe(201);
    segment[key] = res.json<{ id: string }>().id;
  }
  await app.segments.refreshNow(CORP);
  await jobsIdle(app);
}, 60_000);
afterAll(async () => app?.cleanup());

describe('scheduled segment recompute', () => {
  it('recomputes the segments whose rule reads the clock, and skips the others until their daily pass', async () => {
    expect([await members('recent'), await members('vip'), await members('lapsed')]).toEqual([['a'], ['a'], ['b']]);
    const vipBefore = await refreshed('vip');

    // Time passes for 甲 (the order is now 35 days old); 丙 buys and is tagged VIP behind the incremental path's back.
    await q((tx) => tx.updateTable('orders').set({ paid_at: new Date(Date.now() - 35 * DAY) }).where('corp_id', '=', CORP).where('customer_id', '=', customer.a).execute());
    await addOrder(customer.c, 3);
    await q((tx) => tx.updateTable('follows').set({ tag_ids: ['tag_vip'] }).where('corp_id', '=', CORP).where('customer_id', '=', customer.c).execute());

    const run = await refreshSegments(app.ctx, { corpId: CORP, trigger: 'schedule' });
    // recent and lapsed read the clock: recomputed over every customer (甲 moves from one to the other, 丙 enters recent).
    expect(await members('recent')).toEqual(['c']);
    expect(await members('lapsed')).toEqual(['a', 'b']);
    expect((await refreshed('recent')).member_count).toBe(1);
    // vip does not: not recomputed at all, so 丙's tag written behind the incremental path's back is not seen yet.
    expect(await members('vip')).toEqual(['a']);
    expect((await refreshed('vip')).refreshed_at).toEqual(vipBefore.refreshed_at);
    expect(run).toMatchObject({ entered: 2, exited: 1 });
    const moves = await q((tx) =>
      tx.selectFrom('events').select(['customer_id', 'type', 'properties']).where('corp_id', '=', CORP).where('type', 'in', ['segment.entered', 'segment.exited']).orderBy('id').execute(),
    );
    const who = new Map(Object.entries(customer).map(([k, v]) => [v, k]));
    expect(moves.map((e) => [who.get(e.customer_id), e.type, (e.properties as { segmentName: string }).segmentName]).sort()).toEqual([
      ['a', 'segment.entered', 'lapsed'],
      ['a', 'segment.exited', 'recent'],
      ['c', 'segment.entered', 'recent'],
    ]);

    // A day after vip's last pass over every customer, the schedule makes one again: 丙 enters.
    await q((tx) => tx.updateTable('segments').set({ full_recomputed_at: new Date(Date.now() - FULL_RECOMPUTE_EVERY_MS - 60_000) }).where('corp_id', '=', CORP).where('id', '=', segment.vip).execute());
    await refreshSegments(app.ctx, { corpId: CORP, trigger: 'schedule' });
    expect(await members('vip')).toEqual(['a', 'c']);
  });

  it('skips a rule that reads no clock, unless it is new, a day old, or its form changed (segments it refers to included)', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const seg = (rule: Rule, form: Rule | null, hoursAgo: number | null): ActiveSegment => ({
      id: 's',
      name: 's',
      rule,
      kind: 'segment',
      tagId: null,
      active: true,
      refreshedAt: now,
      fullRecomputedAt: hoursAgo === null ? null : new Date(now.getTime() - hoursAgo * 3600_000),
      fullRecomputeForm: form,
    });
    const refersVip: Rule = { all: [{ kind: 'segment', segmentId: 'ref' }, { kind: 'channel', states: ['ch1'] }] };
    const form: Rule = { all: [RULES.vip, { kind: 'channel', states: ['ch1'] }] };
    const refs = new Map<string, Rule>([['ref', RULES.vip]]);
    expect(scheduledRecomputeNeeded(seg(refersVip, form, 1), refs, now)).toBe(false);
    expect(scheduledRecomputeNeeded(seg(refersVip, form, null), refs, now)).toBe(true); // never over everyone
    expect(scheduledRecomputeNeeded(seg(refersVip, form, 25), refs, now)).toBe(true); // a day ago
    // The segment it refers to was edited since: another form.
    const edited = new Map<string, Rule>([['ref', { kind: 'tags', match: 'any', tagIds: ['tag_other'] }]]);
    expect(scheduledRecomputeNeeded(seg(refersVip, form, 1), edited, now)).toBe(true);
    // ... or now reads the clock.
    const timed = new Map<string, Rule>([['ref', RULES.recent]]);
    expect(scheduledRecomputeNeeded(seg(refersVip, { all: [RULES.recent, { kind: 'channel', states: ['ch1'] }] }, 1), timed, now)).toBe(true);
    expect(scheduledRecomputeNeeded(seg(RULES.recent, RULES.recent, 1), refs, now)).toBe(true);
    expect(scheduledRecomputeNeeded(seg(RULES.lapsed, RULES.lapsed, 1), refs, now)).toBe(true);
  });
});
