// SQL of the facts a dry run replays: each occasion in a time window on which a flow's entry would have fired
// (from follows, channel adds, orders, stage history, the timeline, dates), and customers' orders in the window
// (for goal exits and event waits on orders).
import type { SopEntry } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type Occasion = { customerId: string; at: Date; staffUserid: string | null };

export async function entryOccasions(tx: Tx, corpId: string, entry: SopEntry, since: Date, until: Date): Promise<Occasion[]> {
  const between = (col: ReturnType<typeof sql.ref>) => sql`${col} >= ${since} and ${col} < ${until}`;
  if (entry.kind === 'days_after_add') {
    const { rows } = await sql<Occasion>`
      select customer_id as "customerId", first_at as at, staff_userid as "staffUserid" from (
        select distinct on (customer_id) customer_id, followed_at as first_at, staff_userid from follows where corp_id = ${corpId}
         order by customer_id, followed_at) f
       where f.first_at >= ${new Date(since.getTime() - (entry.days + 1) * 86_400_000)} and f.first_at < ${until}`.execute(tx);
    return rows;
  }
  if (entry.kind === 'date') {
    const { rows } = await sql<Occasion>`
      select v.customer_id as "customerId", (v.date_value::timestamp at time zone 'Asia/Shanghai') as at, null as "staffUserid"
        from custom_field_values v join custom_fields cf on cf.corp_id = v.corp_id and cf.id = v.field_id
       where v.corp_id = ${corpId} and cf.type = 'date' and (cf.key = ${entry.field} or cf.id::text = ${entry.field}) and v.date_value is not null`.execute(tx);
    return rows;
  }
  const f = entry.filter ?? {};
  switch (entry.event) {
    case 'follow.added': {
      const { rows } = await sql<Occasion>`select customer_id as "customerId", followed_at as at, staff_userid as "staffUserid" from follows
        where corp_id = ${corpId} and ${between(sql.ref('followed_at'))}`.execute(tx);
      return rows;
    }
    case 'follow.attributed': {
      const { rows } = await sql<Occasion>`select customer_id as "customerId", added_at as at, staff_userid as "staffUserid" from channel_adds
        where corp_id = ${corpId} and ${between(sql.ref('added_at'))} ${f.channelIds ? sql`and channel_id = any(${f.channelIds}::uuid[])` : sql``}`.execute(tx);
      return rows;
    }
    case 'order.placed': {
      const { rows } = await sql<Occasion>`select customer_id as "customerId", paid_at as at, staff_userid as "staffUserid" from orders
        where corp_id = ${corpId} and ${between(sql.ref('paid_at'))} ${f.minAmount !== undefined ? sql`and amount >= ${f.minAmount}` : sql``}`.execute(tx);
      return rows;
    }
    case 'stage.changed': {
      const { rows } = await sql<Occasion>`select customer_id as "customerId", moved_at as at, null as "staffUserid" from customer_stage_history
        where corp_id = ${corpId} and ${between(sql.ref('moved_at'))} ${f.stageId ? sql`and to_stage_id = ${f.stageId}::uuid` : sql``}`.execute(tx);
      return rows;
    }
    case 'segment.entered':
    case 'segment.exited': {
      const { rows } = await sql<Occasion>`select customer_id as "customerId", occurred_at as at, null as "staffUserid" from events
        where corp_id = ${corpId} and type = ${entry.event} and customer_id is not null and ${between(sql.ref('occurred_at'))}
          ${f.segmentId ? sql`and properties->>'segmentId' = ${f.segmentId}` : sql``}`.execute(tx);
      return rows;
    }
    case 'tag.added':
    case 'tag.removed': {
      const key = entry.event === 'tag.added' ? 'add' : 'remove';
      const { rows } = await sql<Occasion>`select customer_id as "customerId", occurred_at as at, null as "staffUserid" from events
        where corp_id = ${corpId} and type = 'tags_changed' and customer_id is not null and ${between(sql.ref('occurred_at'))}
          and jsonb_array_length(coalesce(properties->${key}, '[]'::jsonb)) > 0
          ${f.tagIds ? sql`and exists (select 1 from jsonb_array_elements_text(properties->${key}) t where t = any(${f.tagIds}::text[]))` : sql``}`.execute(tx);
      return rows;
    }
    case 'event.tracked': {
      const { rows } = await sql<Occasion>`select customer_id as "customerId", occurred_at as at, null as "staffUserid" from events
        where corp_id = ${corpId} and customer_id is not null and ${between(sql.ref('occurred_at'))}
          ${f.eventType ? sql`and type = ${f.eventType}` : sql`and source = 'api'`}`.execute(tx);
      return rows;
    }
  }
}

/** Orders of these customers since a time, oldest first. */
export async function ordersSince(tx: Tx, corpId: string, customerIds: readonly string[], since: Date): Promise<Array<{ customerId: string; at: Date }>> {
  if (customerIds.length === 0) return [];
  const { rows } = await sql<{ customerId: string; at: Date }>`select customer_id as "customerId", paid_at as at from orders
    where corp_id = ${corpId} and customer_id = any(${[...customerIds]}::uuid[]) and paid_at >= ${since} order by paid_at`.execute(tx);
  return rows;
}
