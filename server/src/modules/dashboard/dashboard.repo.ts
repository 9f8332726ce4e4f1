import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export async function summary(tx: Tx, corpId: string, days: number) {
  const count = async (table: 'staff' | 'customers' | 'groups') => {
    const r = await tx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('corp_id', '=', corpId).executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const byDay = await sql<{ day: string; count: number }>`
    select to_char(d.day, 'YYYY-MM-DD') as day, count(f.customer_id)::int as count
      from generate_series(current_date - ${days - 1}::int, current_date, interval '1 day') as d(day)
      left join follows f on f.corp_id = ${corpId} and f.followed_at >= d.day and f.followed_at < d.day + interval '1 day'
     group by d.day order by d.day`.execute(tx);
  // Adds by channel: a code's name where the state belongs to a channel code, else the raw state.
  const byChannel = await sql<{ channel: string; count: number }>`
    select coalesce(cc.name, nullif(f.state, ''), '(none)') as channel, count(*)::int as count
      from follows f
      left join channel_codes cc on cc.corp_id = f.corp_id and cc.state = f.state
     where f.corp_id = ${corpId} and f.followed_at >= current_date - ${days - 1}::int
     group by 1 order by 2 desc limit 10`.execute(tx);
  return {
    staff: await count('staff'),
    customers: await count('customers'),
    groups: await count('groups'),
    newCustomersByDay: byDay.rows.map((r) => ({ day: r.day, count: Number(r.count) })),
    addsByChannel: byChannel.rows.map((r) => ({ channel: r.channel, count: Number(r.count) })),
  };
}
