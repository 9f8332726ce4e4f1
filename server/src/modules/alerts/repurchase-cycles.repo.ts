// Repurchase cycles per product: a sku rule, or a category rule for items whose sku has no rule of its own.
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type CycleMatch = 'sku' | 'category';
export type RepurchaseCycleInput = { match: CycleMatch; value: string; name: string; cycleDays: number };

const COLUMNS = ['id', 'match', 'value', 'name', 'cycle_days as cycleDays', 'updated_at as updatedAt'] as const;

export function listRepurchaseCycles(tx: Tx, corpId: string) {
  return tx.selectFrom('repurchase_cycles').select(COLUMNS).where('corp_id', '=', corpId).orderBy('match', 'desc').orderBy('value').execute();
}

/** One rule per (match, value): saving the same product again changes its cycle. */
export function upsertRepurchaseCycle(tx: Tx, corpId: string, c: RepurchaseCycleInput) {
  return tx
    .insertInto('repurchase_cycles')
    .values({ corp_id: corpId, match: c.match, value: c.value, name: c.name, cycle_days: c.cycleDays })
    .onConflict((oc) => oc.columns(['corp_id', 'match', 'value']).doUpdateSet({ name: c.name, cycle_days: c.cycleDays, updated_at: new Date() }))
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export function deleteRepurchaseCycle(tx: Tx, corpId: string, id: string) {
  return tx.deleteFrom('repurchase_cycles').where('corp_id', '=', corpId).where('id', '=', id).returning(['match', 'value']).executeTakeFirst();
}

/**
 * Every purchased item that falls under a cycle, with the alert subject it counts for ('sku:MILK', 'category:水果').
 * `orders` is a filter on the orders table aliased `o`.
 */
export function cyclePurchases(corpId: string, orders: RawBuilder<unknown>) {
  return sql<{ customer_id: string; paid_at: Date; subject: string; match: CycleMatch; value: string; name: string; cycle_days: number }>`
    select o.customer_id, o.paid_at, y.match || ':' || y.value as subject, y.match, y.value, y.cycle_days,
           coalesce(nullif(y.name, ''), case when y.match = 'sku' then i.name end, y.value) as name
      from orders o
      cross join lateral jsonb_to_recordset(case when jsonb_typeof(o.items) = 'array' then o.items else '[]'::jsonb end)
        as i(sku text, name text, category text)
      join repurchase_cycles y on y.corp_id = o.corp_id
       and ((y.match = 'sku' and y.value = i.sku)
         or (y.match = 'category' and y.value = i.category
             and not exists (select 1 from repurchase_cycles s where s.corp_id = o.corp_id and s.match = 'sku' and s.value = i.sku)))
     where o.corp_id = ${corpId} and ${orders}`;
}
