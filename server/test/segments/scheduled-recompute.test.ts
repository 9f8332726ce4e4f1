// A scheduled recompute is there for what the clock changes: between two passes over every customer it looks only at
// the customers with a row at one of the rule's clock edges since its last pass, and skips a segment whose rule reads
// no clock. Data written here straight into the tables (no incremental re-evaluation) shows whom each pass looked at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '@siyu/contracts';
import { withCorp } from '../../src/db/tenancy';
import { refreshSegments } from '../../src/modules/segments/refresh-segments.job';
import { FULL_RECOMPUTE_EVERY_MS, scheduledRecompute } from '../../src/modules/segments/recompute-scope';
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
  it('looks only at the customers the clock can have moved since the last pass, and skips a rule that reads no clock', async () => {
    expect([await members('recent'), await members('vip'), await members('lapsed')]).toEqual([['a'], ['a'], ['b']]);
    const vipBefore = await refreshed('vip');

    // As if the last pass had been 6 days ago, when 甲's order (now 33 days old) was 27 days old: since then it has
    // crossed the 30-day edge of both rules. 丙 buys today and is tagged VIP behind the incremental path's back: no row
    // of theirs is at an edge, so no pass looks at them.
    const sixDaysAgo = new Date(Date.now() - 6 * DAY);
    await q((tx) => tx.updateTable('segments').set({ clock_checked_at: sixDaysAgo }).where('corp_id', '=', CORP).execute());
    await q((tx) => tx.updateTable('orders').set({ paid_at: new Date(Date.now() - 33 * DAY) }).where('corp_id', '=', CORP).where('customer_id', '=', customer.a).execute());
    await addOrder(customer.c, 0);
    await q((tx) => tx.updateTable('follows').set({ tag_ids: ['tag_vip'] }).where('corp_id', '=', CORP).where('customer_id', '=', customer.c).execute());

    const run = await refreshSegments(app.ctx, { corpId: CORP, trigger: 'schedule' });
    expect(await members('recent')).toEqual([]); // 甲 left; 丙 was not looked at
    expect(await members('lapsed')).toEqual(['a', 'b']); // 甲 entered; 乙 stays without being looked at
    expect((await refreshed('recent')).member_count).toBe(0);
    expect((await refreshed('lapsed')).member_count).toBe(2);
    expect(await members('vip')).toEqual(['a']); // not recomputed at all
    expect((await refreshed('vip')).refreshed_at).toEqual(vipBefore.refreshed_at);
    expect(run).toMatchObject({ entered: 1, exited: 1 });
    const moves = await q((tx) =>
      tx.selectFrom('events').select(['customer_id', 'type', 'properties']).where('corp_id', '=', CORP).where('type', 'in', ['segment.entered', 'segment.exited']).orderBy('id').execute(),
    );
    const who = new Map(Object.entries(customer).map(([k, v]) => [v, k]));
    expect(moves.map((e) => [who.get(e.customer_id), e.type, (e.properties as { segmentName: string }).segmentName]).sort()).toEqual([
      ['a', 'segment.entered', 'lapsed'],
      ['a', 'segment.exited', 'recent'],
    ]);
    // The pass moved the clock mark: a second one right after finds nobody at an edge.
    expect(await refreshSegments(app.ctx, { corpId: CORP, trigger: 'schedule' })).toMatchObject({ entered: 0, exited: 0 });

    // A day after the last passes over every customer, the schedule makes them again: 丙 enters recent and vip.
    await q((tx) => tx.updateTable('segments').set({ full_recomputed_at: new Date(Date.now() - FULL_RECOMPUTE_EVERY_MS - 60_000) }).where('corp_id', '=', CORP).execute());
    await refreshSegments(app.ctx, { corpId: CORP, trigger: 'schedule' });
    expect([await members('recent'), await members('vip'), await members('lapsed')]).toEqual([['c'], ['a', 'c'], ['a', 'b']]);
  });

  it('recomputes over every customer when new, a day old, or when the rule or a segment it refers to changed', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const checked = new Date(now.getTime() - 15 * 60_000);
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
      clockCheckedAt: checked,
    });
    const refersRecent: Rule = { all: [{ kind: 'segment', segmentId: 'ref' }, { kind: 'channel', states: ['ch1'] }] };
    const form: Rule = { all: [RULES.recent, { kind: 'channel', states: ['ch1'] }] };
    const refs = new Map<string, Rule>([['ref', RULES.recent]]);
    expect(scheduledRecompute(seg(refersRecent, form, 1), refs, now)).toEqual({ kind: 'edges', edges: [{ source: 'orders', days: [30] }], since: checked });
    expect(scheduledRecompute(seg(refersRecent, form, null), refs, now)).toEqual({ kind: 'full' }); // never over everyone
    expect(scheduledRecompute(seg(refersRecent, form, 25), refs, now)).toEqual({ kind: 'full' }); // a day ago
    // The segment it refers to was edited since: another form.
    const edited = new Map<string, Rule>([['ref', RULES.vip]]);
    expect(scheduledRecompute(seg(refersRecent, form, 1), edited, now)).toEqual({ kind: 'full' });
    expect(scheduledRecompute(seg(RULES.vip, RULES.vip, 1), refs, now)).toEqual({ kind: 'skip' });
    // RFM classes are rewritten in bulk: no edges known, every customer each time.
    const rfm: Rule = { kind: 'rfm', classes: ['champions'] };
    expect(scheduledRecompute(seg(rfm, rfm, 1), refs, now)).toEqual({ kind: 'full' });
  });
});
