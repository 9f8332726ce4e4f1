import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { attributionSql } from '../customers';
import type { Attribution } from '@siyu/contracts';

/** The dashboard's figures; with `staffUserid` (a staff member's view) only their own customers, follows and groups. */
export async function summary(tx: Tx, corpId: string, days: number, staffUserid: string | null = null) {
  const count = async (table: 'staff' | 'customers' | 'groups') => {
    const r = await tx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('corp_id', '=', corpId).executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const own = async () => {
    const r = await sql<{ customers: number; groups: number }>`
      select (select count(distinct f.customer_id)::int from follows f
               where f.corp_id = ${corpId} and f.staff_userid = ${staffUserid} and f.deleted_at is null) as customers,
             (select count(*)::int from groups g
               where g.corp_id = ${corpId} and g.owner_userid = ${staffUserid} and g.dismissed_at is null) as groups`.execute(tx);
    return { customers: Number(r.rows[0].customers), groups: Number(r.rows[0].groups) };
  };
  const mine = staffUserid ? sql`and f.staff_userid = ${staffUserid}` : sql``;
  const byDay = await sql<{ day: string; count: number }>`
    select to_char(d.day, 'YYYY-MM-DD') as day, count(f.customer_id)::int as count
      from generate_series(current_date - ${days - 1}::int, current_date, interval '1 day') as d(day)
      left join follows f on f.corp_id = ${corpId} and f.followed_at >= d.day and f.followed_at < d.day + interval '1 day' ${mine}
     group by d.day order by d.day`.execute(tx);
  // Adds by source: the channel code, fission campaign or group code that made the state, by name (attribution-sql).
  const byChannel = await sql<{ a: Attribution | null; count: number }>`
    select a, count(*)::int as count from (
      select ${attributionSql(corpId, sql`f.state`)} as a
        from follows f
       where f.corp_id = ${corpId} and f.followed_at >= current_date - ${days - 1}::int ${mine}) adds
     group by 1 order by 2 desc limit 10`.execute(tx);
  const scoped = staffUserid ? await own() : null;
  return {
    staff: staffUserid ? 1 : await count('staff'),
    customers: scoped ? scoped.customers : await count('customers'),
    groups: scoped ? scoped.groups : await count('groups'),
    newCustomersByDay: byDay.rows.map((r) => ({ day: r.day, count: Number(r.count) })),
    addsByChannel: byChannel.rows.map((r) => ({
      channel: r.a ? (r.a.kind === 'other' || r.a.name === null ? r.a.state : r.a.name) : '',
      kind: r.a ? (r.a.name === null ? ('other' as const) : r.a.kind) : ('none' as const),
      count: Number(r.count),
    })),
  };
}
