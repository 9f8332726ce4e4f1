// A scheduled recompute is there for what the clock changes: between two passes over every customer it looks only at
// the members of a segment the clock can only empty, and skips one whose rule does not read the clock. Data written
// here straight into the tables (no incremental re-evaluation) shows which customers each pass looked at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '@siyu/contracts';
import { withCorp } from '../../src/db/tenancy';
import { refreshSegments } from '../../src/modules/segments/refresh-segments.job';
import { FULL_RECOMPUTE_EVERY_MS, recomputeScope } from '../../src/modules/segments/recompute-scope';
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
  recent: { kind: 'orders', measure: 'count', within: { lastDays: 30 }, op: 'gte', value: 1 }, // the clock only empties it
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
  it('looks only at the members of a segment the clock can only empty, and skips one the clock cannot change', async () => {
    expect([await members('recent'), await members('vip'), await members('lapsed')]).toEqual([['a'], ['a'], ['b']]);
    const vipBefore = await refreshed('vip');

    // Time passes for 甲 (the order is now 35 days old); 丙 buys and is tagged VIP behind the incremental path's back.
    await q((tx) => tx.updateTable('orders').set({ paid_at: new Date(Date.now() - 35 * DAY) }).where('corp_id', '=', CORP).where('customer_id', '=', customer.a).execute());
    await addOrder(customer.c, 3);
    await q((tx) => tx.updateTable('follows').set({ tag_ids: ['tag_vip'] }).where('corp_id', '=', CORP).where('customer_id', '=', customer.c).execute());

    const run = await refreshSegments(app.ctx, { corpId: CORP, trigger: 'schedule' });
    // recent: 甲 leaves; 丙 is not a member, so this pass did not look at them. lapsed: every customer, 甲 enters.
    expect(await members('recent')).toEqual([]);
    expect(await members('lapsed')).toEqual(['a', 'b']);
    expect((await refreshed('recent')).member_count).toBe(0);
    // vip: not recomputed at all.
    expect(await members('vip')).toEqual(['a']);
    expect((await refreshed('vip')).refreshed_at).toEqual(vipBefore.refreshed_at);
    expect(run).toMatchObject({ entered: 1, exited: 1 });
    const moves = await q((tx) =>
      tx.selectFrom('events').select(['customer_id', 'type', 'properties']).where('corp_id', '=', CORP).where('type', 'in', ['segment.entered', 'segment.exited']).orderBy('id').execute(),
    );
    expect(moves.map((e) => [e.customer_id === customer.a ? 'a' : '?', e.type, (e.properties as { segmentName: string }).segmentName]).sort()).toEqual([
      ['a', 'segment.entered', 'lapsed'],
      ['a', 'segment.exited', 'recent'],
    ]);

    // A day after the last pass over every customer, the schedule makes one again: 丙 enters both.
    await q((tx) => tx.updateTable('segments').set({ full_recomputed_at: new Date(Date.now() - FULL_RECOMPUTE_EVERY_MS - 60_000) }).where('corp_id', '=', CORP).execute());
    await refreshSegments(app.ctx, { corpId: CORP, trigger: 'schedule' });
    expect([await members('recent'), await members('vip')]).toEqual([['c'], ['a', 'c']]);
  });

  it('recomputes over every customer when asked, when new, after a day, or when the rule or a segment it refers to changed', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const falls: Rule = { all: [{ kind: 'segment', segmentId: 'ref' }, RULES.vip] };
    const refs = new Map<string, Rule>([['ref', RULES.recent]]);
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
    const formOf = { all: [RULES.recent, RULES.vip] };
    expect(recomputeScope(seg(falls, formOf, 1), true, refs, now)).toBe('members');
    expect(recomputeScope(seg(falls, formOf, 1), false, refs, now)).toBe('customers'); // a request, a creation, an edit
    expect(recomputeScope(seg(falls, formOf, null), true, refs, now)).toBe('customers'); // never over everyone
    expect(recomputeScope(seg(falls, formOf, 25), true, refs, now)).toBe('customers'); // a day ago
    // The segment it refers to was edited since: another form.
    const edited = new Map<string, Rule>([['ref', { kind: 'orders', measure: 'count', within: { lastDays: 60 }, op: 'gte', value: 1 }]]);
    expect(recomputeScope(seg(falls, formOf, 1), true, edited, now)).toBe('customers');
    expect(recomputeScope(seg(RULES.vip, RULES.vip, 1), true, refs, now)).toBe('skip');
    expect(recomputeScope(seg(RULES.lapsed, RULES.lapsed, 1), true, refs, now)).toBe('customers');
  });
});
