// Who looks after each customer for an SOP step: the staff member the run entered with (the one who added them) if
// they still follow the customer, else the one of their earliest active follow; with the customer's external_userid
// and name (a customer with no active follow has no owner and is skipped).
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type Owner = { customerId: string; staffUserid: string; externalUserid: string; customerName: string };

export async function ownersOf(tx: Tx, corpId: string, customerIds: readonly string[], preferred: ReadonlyMap<string, string | null> = new Map()): Promise<Map<string, Owner>> {
  if (customerIds.length === 0) return new Map();
  const ids = [...customerIds];
  const staff = ids.map((id) => preferred.get(id) ?? null);
  const { rows } = await sql<Owner>`
    select distinct on (f.customer_id) f.customer_id as "customerId", f.staff_userid as "staffUserid",
           c.external_userid as "externalUserid", c.name as "customerName"
      from follows f join customers c on c.corp_id = f.corp_id and c.id = f.customer_id
      join unnest(${ids}::uuid[], ${staff}::text[]) as p(customer_id, staff_userid) on p.customer_id = f.customer_id
     where f.corp_id = ${corpId} and f.deleted_at is null and c.external_userid is not null
     order by f.customer_id, (f.staff_userid = p.staff_userid) desc nulls last, f.followed_at, f.staff_userid`.execute(tx);
  return new Map(rows.map((r) => [r.customerId, r]));
}
