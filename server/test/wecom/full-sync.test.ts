import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { expectSameRows, localRows, remoteRows, runSync, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('wwfullsync0001');
});
afterAll(async () => h?.close());

describe('full sync', () => {
  it('lands exactly the sandbox state for 50 staff / 10,000 customers / 200 groups', async () => {
    const pop = await h.sb<{ staff: number; customers: number; groups: number; follows: number }>(
      `/sandbox/corps/${h.corpId}/population`,
      { seed: 'full-sync', staff: 50, customers: 10_000, groups: 200 },
    );
    expect(pop).toMatchObject({ staff: 50, customers: 10_000, groups: 200 });
    // A segment over tags, recomputed over every customer a moment ago: the sync writes tags in bulk, with no fact per
    // customer, so it has the next scheduled pass recompute it over every customer again.
    const segment = await withCorp(h.app.ctx.db, h.corpId, async (tx) =>
      (await tx.insertInto('segments').values({ corp_id: h.corpId, name: 'tagged', rule: JSON.stringify({ kind: 'tags', match: 'any', tagIds: ['t'] }), kind: 'segment', tag_id: null, full_recomputed_at: new Date() }).returning('id').executeTakeFirstOrThrow()).id);

    const t0 = Date.now();
    const run = await runSync(h, 'sync');
    const ms = Date.now() - t0;
    expect(run.status).toBe('done');
    expect(run.done).toBe(run.total);
    const marked = await withCorp(h.app.ctx.db, h.corpId, (tx) => tx.selectFrom('segments').select('full_recomputed_at').where('corp_id', '=', h.corpId).where('id', '=', segment).executeTakeFirstOrThrow());
    expect(marked.full_recomputed_at).toBeNull();
    console.log(`full sync: ${ms} ms`, JSON.stringify(run.report));

    const remote = await remoteRows(h);
    const local = await localRows(h);
    const s = remote.snapshot;
    const counts = await withCorp(h.app.ctx.db, h.corpId, async (tx) => {
      const { rows } = await sql<Record<string, number>>`select
        (select count(*) from staff where corp_id = ${h.corpId}) as staff,
        (select count(*) from staff where corp_id = ${h.corpId} and is_follow_user) as follow_users,
        (select count(*) from departments where corp_id = ${h.corpId}) as departments,
        (select count(*) from customers where corp_id = ${h.corpId}) as customers,
        (select count(*) from follows where corp_id = ${h.corpId} and deleted_at is null) as follows,
        (select count(*) from groups where corp_id = ${h.corpId} and dismissed_at is null) as groups,
        (select count(*) from group_members where corp_id = ${h.corpId}) as group_members,
        (select count(*) from tag_groups where corp_id = ${h.corpId}) as tag_groups,
        (select count(*) from tags where corp_id = ${h.corpId}) as tags`.execute(tx);
      return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
    });
    expect(counts).toEqual({
      staff: s.counts.staff,
      follow_users: s.counts.staff,
      departments: s.counts.departments,
      customers: s.counts.customers,
      follows: s.counts.follows,
      groups: s.counts.groups,
      group_members: s.counts.group_members,
      tag_groups: s.counts.tag_groups,
      tags: s.counts.tags,
    });
    expect(counts.customers).toBe(10_000);
    expect(counts.groups).toBe(200);
    expectSameRows(local, remote);

    // Staff row for row.
    const staff = await withCorp(h.app.ctx.db, h.corpId, (tx) =>
      tx.selectFrom('staff').select(['userid', 'name', 'department_ids', 'status']).where('corp_id', '=', h.corpId).execute(),
    );
    expect(staff.map((x) => [x.userid, x.name, x.department_ids, x.status]).sort()).toEqual(
      s.staff.map((x) => [x.userid, x.name, x.department, x.status]).sort(),
    );

    // A second run changes nothing.
    const again = await runSync(h, 'reconcile');
    expect(again.status).toBe('done');
    expect(again.report.fixed).toBe(0);
  });
});
