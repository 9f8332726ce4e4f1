// When the time-driven alerts open and when an open alert closes by itself. One meaning throughout:
// - churn_inactive: the customer did nothing (no event of their own, no new follow) for inactiveDays; closes when
//   they are active again.
// - churn_rfm: the customer's RFM class is at risk; closes when the class leaves at-risk.
// - repurchase: the last purchase of a product with a cycle is older than cycle × repurchaseFactor (one alert per
//   product); a customer who never bought a product with a cycle falls back to their own median interval between
//   orders × repurchaseFactor. A reminder is due until the later of inactiveDays and twice that interval after the
//   purchase. Closes when the customer buys the product (or anything, for the fallback) again.
// - churn_deleted (opened by the WeCom callback): closes when the customer adds that staff member again.
// Every alert carries basis_at, the moment its episode started from; it is not opened again for the same episode.
// What counts as the customer's own activity is siyu_is_activity() (migration 0014); customer_activity keeps the last.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { AT_RISK_CLASSES } from '../membership';
import type { AlertKind, AlertSettings, NewAlert } from './alerts.repo';
import { cyclePurchases } from './repurchase-cycles.repo';

export type ResolveReason = 'repurchased' | 'active_again' | 'rfm_recovered' | 're_added';

type Row = { customer_id: string; staff_userid: string | null; kind: AlertKind; subject: string; basis_at: string; detail: Record<string, unknown> };

/** Candidates for the time-driven alerts. Owner = the earliest active follow. */
export async function scanAlertCandidates(tx: Tx, corpId: string, s: AlertSettings): Promise<NewAlert[]> {
  const inactiveSecs = s.inactiveDays * 86400;
  const factor = s.repurchaseFactor;
  const horizon = sql`now() - make_interval(secs => greatest(${inactiveSecs}::float8,
    2 * 86400 * ${factor}::float8 * (select coalesce(max(cycle_days), 0) from repurchase_cycles where corp_id = ${corpId})))`;
  const { rows } = await sql<Row>`
    with follow_facts as (
      -- one pass over follows: the owner (earliest active follow) and the latest follow of each customer
      select f.customer_id, (array_agg(f.staff_userid order by f.followed_at) filter (where f.deleted_at is null))[1] as staff_userid,
             max(f.followed_at) as last_follow_at
        from follows f where f.corp_id = ${corpId} group by f.customer_id
    ), owner as (
      select customer_id, staff_userid from follow_facts where staff_userid is not null
    ), active as (
      select o.customer_id, o.staff_userid, coalesce(greatest(a.last_active_at, o.last_follow_at), c.created_at) as at
        from follow_facts o join customers c on c.corp_id = ${corpId} and c.id = o.customer_id
        left join customer_activity a on a.corp_id = ${corpId} and a.customer_id = o.customer_id
       where o.staff_userid is not null
    ), product_last as (
      select p.customer_id, p.subject, max(p.match) as match, max(p.value) as value, max(p.cycle_days) as cycle_days,
             max(p.paid_at) as last_at, (array_agg(p.name order by p.paid_at desc))[1] as name
        from (${cyclePurchases(corpId, sql`o.paid_at > ${horizon}`)}) p
       group by p.customer_id, p.subject
    )
    select a.customer_id, a.staff_userid, 'churn_inactive' as kind, '' as subject, a.at::text as basis_at,
           jsonb_build_object('lastActiveAt', a.at, 'days', ${s.inactiveDays}::int) as detail
      from active a
     where a.at < now() - make_interval(secs => ${inactiveSecs}::float8)
    union all
    select o.customer_id, o.staff_userid, 'churn_rfm', '', r.last_order_at::text,
           jsonb_build_object('class', r.class, 'lastOrderAt', r.last_order_at)
      from customer_rfm r join owner o on o.customer_id = r.customer_id
     where r.corp_id = ${corpId} and r.class = any(${[...AT_RISK_CLASSES]}::text[]) and r.last_order_at is not null
    union all
    select o.customer_id, o.staff_userid, 'repurchase', p.subject, p.last_at::text,
           jsonb_build_object('productName', p.name, 'match', p.match, 'value', p.value, 'cycleDays', p.cycle_days,
                              'factor', ${factor}::float8, 'lastOrderAt', p.last_at)
      from product_last p join owner o on o.customer_id = p.customer_id
     where p.last_at < now() - make_interval(secs => p.cycle_days * 86400 * ${factor}::float8)
       and p.last_at > now() - make_interval(secs => greatest(${inactiveSecs}::float8, 2 * p.cycle_days * 86400 * ${factor}::float8))
    union all
    select o.customer_id, o.staff_userid, 'repurchase', '', r.last_order_at::text,
           jsonb_build_object('lastOrderAt', r.last_order_at, 'medianIntervalDays', round(r.median_interval_days::numeric, 1),
                              'factor', ${factor}::float8)
      from customer_rfm r join owner o on o.customer_id = r.customer_id
     where r.corp_id = ${corpId} and r.median_interval_days >= 1
       and r.last_order_at < now() - make_interval(secs => r.median_interval_days::float8 * 86400 * ${factor}::float8)
       and r.last_order_at > now() - make_interval(secs => greatest(${inactiveSecs}::float8, 2 * r.median_interval_days::float8 * 86400 * ${factor}::float8))
       and not exists (select 1 from (${cyclePurchases(corpId, sql`o.customer_id = r.customer_id`)}) x)`.execute(tx);
  return rows.map((r) => ({ customerId: r.customer_id, staffUserid: r.staff_userid, kind: r.kind, subject: r.subject, basisAt: r.basis_at, detail: r.detail }));
}

/**
 * Closes (status done, with a reason) the open alerts of these customers whose cause has ended. Called after every
 * write that can end one (events and orders, a new follow, RFM recomputes) and by the scan for the whole corp.
 */
export async function resolveAlerts(tx: Tx, corpId: string, customerIds: readonly string[] | 'all', inactiveDays: number) {
  if (customerIds !== 'all' && customerIds.length === 0) return [];
  const scope = customerIds === 'all' ? sql`true` : sql`a.customer_id = any(${[...customerIds]}::uuid[])`;
  const since = sql`coalesce(a.basis_at, a.created_at)`;
  const recent = sql`now() - make_interval(days => ${inactiveDays}::int)`;
  const { rows } = await sql<{ id: string; customer_id: string; kind: AlertKind; subject: string; reason: ResolveReason }>`
    with due as (
      select a.id, case
        when a.kind = 'repurchase' and a.subject = '' and exists (
          select 1 from orders o where o.corp_id = ${corpId} and o.customer_id = a.customer_id and o.paid_at > ${since}) then 'repurchased'
        when a.kind = 'repurchase' and a.subject <> '' and exists (
          select 1 from (${cyclePurchases(corpId, sql`o.customer_id = a.customer_id and o.paid_at > ${since}`)}) p
           where p.subject = a.subject) then 'repurchased'
        when a.kind = 'churn_rfm' and not exists (
          select 1 from customer_rfm r where r.corp_id = ${corpId} and r.customer_id = a.customer_id
             and r.class = any(${[...AT_RISK_CLASSES]}::text[])) then 'rfm_recovered'
        when a.kind = 'churn_inactive' and (exists (
          select 1 from events e where e.corp_id = ${corpId} and e.customer_id = a.customer_id and e.occurred_at > ${since}
             and e.occurred_at > ${recent} and siyu_is_activity(e.type)) or exists (
          select 1 from follows f where f.corp_id = ${corpId} and f.customer_id = a.customer_id and f.followed_at > ${since}
             and f.followed_at > ${recent})) then 'active_again'
        when a.kind = 'churn_deleted' and exists (
          select 1 from follows f where f.corp_id = ${corpId} and f.customer_id = a.customer_id and f.staff_userid = a.staff_userid
             and f.deleted_at is null and f.followed_at >= ${since}) then 're_added'
      end as reason
        from alerts a where a.corp_id = ${corpId} and a.status = 'open' and ${scope}
    )
    update alerts a set status = 'done', resolved_at = now(), resolved_reason = due.reason
      from due where a.corp_id = ${corpId} and a.id = due.id and due.reason is not null
    returning a.id, a.customer_id, a.kind, a.subject, due.reason`.execute(tx);
  return rows;
}
