// SQL of the customers a timed entry finds on a China-time day, set-based: those first added N days before it, or
// whose yearly date (the birthday field or a date custom field) falls N days before or after it.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

/** Customers whose first follow began on the China-time day `day` ('YYYY-MM-DD') minus `days`, still followed. */
export async function addedDaysBefore(tx: Tx, corpId: string, day: string, days: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select f.customer_id as id from follows f where f.corp_id = ${corpId}
     group by f.customer_id
    having ((min(f.followed_at) at time zone 'Asia/Shanghai')::date) = ${day}::date - ${days}::int
       and bool_or(f.deleted_at is null)`.execute(tx);
  return rows.map((r) => r.id);
}

/** Customers whose date field (by key or id) has the month and day of `day` minus `offsetDays`. */
export async function yearlyDateOn(tx: Tx, corpId: string, field: string, day: string, offsetDays: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select v.customer_id as id from custom_field_values v join custom_fields cf on cf.corp_id = v.corp_id and cf.id = v.field_id
     where v.corp_id = ${corpId} and cf.type = 'date' and (cf.key = ${field} or cf.id::text = ${field}) and v.date_value is not null
       and to_char(v.date_value, 'MM-DD') = to_char(${day}::date - ${offsetDays}::int, 'MM-DD')`.execute(tx);
  return rows.map((r) => r.id);
}

/** Whether a date field exists (by key or id) for the corp. */
export async function dateFieldExists(tx: Tx, corpId: string, field: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from custom_fields where corp_id = ${corpId} and type = 'date' and (key = ${field} or id::text = ${field})`.execute(tx);
  return rows[0].n > 0;
}
