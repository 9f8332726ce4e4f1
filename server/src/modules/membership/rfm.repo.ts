// RFM per customer from its orders: recency, frequency and monetary scores 1–5 against the corp's thresholds, the
// 8 classic classes, and the customer's own median days between orders (for repurchase reminders).
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type RfmSettings = { recencyDays: number[]; frequencyCounts: number[]; monetaryAmounts: number[]; windowDays: number };

export const DEFAULT_RFM: RfmSettings = {
  recencyDays: [7, 30, 60, 120],
  frequencyCounts: [2, 3, 5, 8],
  monetaryAmounts: [100, 300, 800, 2000],
  windowDays: 365,
};

export const RFM_CLASSES = [
  'important_value',
  'important_retain',
  'important_develop',
  'important_winback',
  'general_value',
  'general_retain',
  'general_develop',
  'general_winback',
] as const;
export type RfmClass = (typeof RFM_CLASSES)[number];

/** Classes whose customers used to be valuable and are slipping away. */
export const AT_RISK_CLASSES: readonly RfmClass[] = ['important_retain', 'important_winback'];

export async function getRfmSettings(tx: Tx, corpId: string): Promise<RfmSettings> {
  const row = await tx.selectFrom('rfm_settings').selectAll().where('corp_id', '=', corpId).executeTakeFirst();
  if (!row) return DEFAULT_RFM;
  return {
    recencyDays: row.recency_days.map(Number),
    frequencyCounts: row.frequency_counts.map(Number),
    monetaryAmounts: row.monetary_amounts.map(Number),
    windowDays: Number(row.window_days),
  };
}

export async function saveRfmSettings(tx: Tx, corpId: string, s: RfmSettings): Promise<void> {
  await tx
    .insertInto('rfm_settings')
    .values({ corp_id: corpId, recency_days: s.recencyDays, frequency_counts: s.frequencyCounts, monetary_amounts: s.monetaryAmounts, window_days: s.windowDays })
    .onConflict((oc) =>
      oc.column('corp_id').doUpdateSet({
        recency_days: s.recencyDays,
        frequency_counts: s.frequencyCounts,
        monetary_amounts: s.monetaryAmounts,
        window_days: s.windowDays,
        updated_at: new Date(),
      }),
    )
    .execute();
}

/** Recomputes RFM for these customers (or all of the corp's buyers) in one statement. Returns how many rows changed. */
export async function recomputeRfm(tx: Tx, corpId: string, customerIds: readonly string[] | 'all'): Promise<number> {
  if (customerIds !== 'all' && customerIds.length === 0) return 0;
  const s = await getRfmSettings(tx, corpId);
  const scope = customerIds === 'all' ? sql`true` : sql`o.customer_id = any(${[...customerIds]}::uuid[])`;
  const { rows } = await sql<{ one: number }>`
    with o as (
      select o.customer_id, o.paid_at, o.amount,
             o.paid_at - lag(o.paid_at) over (partition by o.customer_id order by o.paid_at) as gap
        from orders o where o.corp_id = ${corpId} and ${scope}
    ), agg as (
      select customer_id, max(paid_at) as last_order_at,
             count(*) filter (where paid_at > now() - make_interval(days => ${s.windowDays})) as cnt,
             coalesce(sum(amount) filter (where paid_at > now() - make_interval(days => ${s.windowDays})), 0) as amt,
             percentile_cont(0.5) within group (order by extract(epoch from gap) / 86400) filter (where gap is not null) as med
        from o group by customer_id
    ), scored as (
      select agg.*,
             5 - (select count(*) from unnest(${s.recencyDays}::int[]) t where extract(epoch from now() - last_order_at) / 86400 > t) as r,
             1 + (select count(*) from unnest(${s.frequencyCounts}::int[]) t where cnt >= t) as f,
             1 + (select count(*) from unnest(${s.monetaryAmounts}::numeric[]) t where amt >= t) as m
        from agg
    )
    insert into customer_rfm (corp_id, customer_id, last_order_at, order_count, amount, r, f, m, class, median_interval_days, updated_at)
    select ${corpId}, customer_id, last_order_at, cnt, amt, greatest(r, 1), f, m,
           (case when m >= 3 then 'important_' else 'general_' end) ||
           (case when r >= 3 and f >= 3 then 'value' when f >= 3 then 'retain' when r >= 3 then 'develop' else 'winback' end),
           med, now()
      from scored
    on conflict (corp_id, customer_id) do update set last_order_at = excluded.last_order_at, order_count = excluded.order_count,
      amount = excluded.amount, r = excluded.r, f = excluded.f, m = excluded.m, class = excluded.class,
      median_interval_days = excluded.median_interval_days, updated_at = now()
    where (customer_rfm.last_order_at, customer_rfm.order_count, customer_rfm.amount, customer_rfm.r, customer_rfm.f, customer_rfm.m,
           customer_rfm.median_interval_days)
      is distinct from (excluded.last_order_at, excluded.order_count, excluded.amount, excluded.r, excluded.f, excluded.m,
           excluded.median_interval_days)
    returning 1 as one`.execute(tx);
  return rows.length;
}

export async function rfmOf(tx: Tx, corpId: string, customerId: string) {
  return tx
    .selectFrom('customer_rfm')
    .select(['last_order_at as lastOrderAt', 'order_count as orderCount', 'amount', 'r', 'f', 'm', 'class', 'median_interval_days as medianIntervalDays'])
    .where('corp_id', '=', corpId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
}

export async function rfmDistribution(tx: Tx, corpId: string) {
  const { rows } = await sql<{ class: string; n: number; amount: number }>`
    select class, count(*)::int as n, coalesce(sum(amount), 0)::float8 as amount from customer_rfm where corp_id = ${corpId} group by class order by class`.execute(tx);
  return rows;
}
