import { sql } from 'kysely';
import type { ProfileTables } from '../../db/schema-profiles';
import type { Tx } from '../../db/tenancy';
import { AT_RISK_CLASSES } from '../membership/rfm.repo';

export type AlertKind = ProfileTables['alerts']['kind'];
export type NewAlert = { customerId: string; staffUserid: string | null; kind: AlertKind; detail: Record<string, unknown> };
export type AlertSettings = { inactiveDays: number; repurchaseFactor: number; notifyStaff: boolean };

export async function getAlertSettings(tx: Tx, corpId: string): Promise<AlertSettings> {
  const r = await tx.selectFrom('alert_settings').selectAll().where('corp_id', '=', corpId).executeTakeFirst();
  return r
    ? { inactiveDays: Number(r.inactive_days), repurchaseFactor: Number(r.repurchase_factor), notifyStaff: r.notify_staff }
    : { inactiveDays: 60, repurchaseFactor: 1.2, notifyStaff: true };
}

export async function saveAlertSettings(tx: Tx, corpId: string, s: AlertSettings): Promise<void> {
  const v = { inactive_days: s.inactiveDays, repurchase_factor: s.repurchaseFactor, notify_staff: s.notifyStaff };
  await tx
    .insertInto('alert_settings')
    .values({ corp_id: corpId, ...v })
    .onConflict((oc) => oc.column('corp_id').doUpdateSet({ ...v, updated_at: new Date() }))
    .execute();
}

/** Opens alerts; one open alert per (customer, kind, staff). Returns the ones that are new. */
export async function openAlerts(tx: Tx, corpId: string, alerts: NewAlert[]) {
  if (alerts.length === 0) return [];
  const rows = alerts.map((a) => ({ customer_id: a.customerId, staff_userid: a.staffUserid, kind: a.kind, detail: a.detail }));
  const { rows: out } = await sql<{ id: string; customer_id: string; staff_userid: string | null; kind: AlertKind }>`
    insert into alerts (corp_id, customer_id, staff_userid, kind, detail)
    select ${corpId}, v.customer_id, v.staff_userid, v.kind, v.detail
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(customer_id uuid, staff_userid text, kind text, detail jsonb)
    on conflict (corp_id, customer_id, kind, coalesce(staff_userid, '')) where status = 'open' do nothing
    returning id, customer_id, staff_userid, kind`.execute(tx);
  return out;
}

/** A purchase ends the repurchase, inactivity and at-risk alerts of these customers. */
export async function resolveRepurchaseAlerts(tx: Tx, corpId: string, customerIds: string[]): Promise<void> {
  if (customerIds.length === 0) return;
  await sql`update alerts set status = 'done', resolved_at = now()
             where corp_id = ${corpId} and customer_id = any(${customerIds}::uuid[]) and status = 'open'
               and kind in ('repurchase', 'churn_inactive', 'churn_rfm')`.execute(tx);
}

/** Candidates for the time-driven alerts: inactive, RFM at risk, due to repurchase. Owner = earliest active follow. */
export async function scanAlertCandidates(tx: Tx, corpId: string, s: AlertSettings): Promise<NewAlert[]> {
  const { rows } = await sql<{ customer_id: string; staff_userid: string | null; kind: AlertKind; detail: Record<string, unknown> }>`
    with owner as (
      select distinct on (f.customer_id) f.customer_id, f.staff_userid from follows f
       where f.corp_id = ${corpId} and f.deleted_at is null order by f.customer_id, f.followed_at
    ), last_seen as (
      select e.customer_id, max(e.occurred_at) as at from events e where e.corp_id = ${corpId} group by e.customer_id
    )
    select o.customer_id, o.staff_userid, 'churn_inactive' as kind,
           jsonb_build_object('lastActiveAt', coalesce(l.at, c.created_at), 'days', ${s.inactiveDays}::int) as detail
      from owner o join customers c on c.corp_id = ${corpId} and c.id = o.customer_id
      left join last_seen l on l.customer_id = o.customer_id
     where coalesce(l.at, c.created_at) < now() - make_interval(days => ${s.inactiveDays}::int)
    union all
    select o.customer_id, o.staff_userid, 'churn_rfm', jsonb_build_object('class', r.class, 'lastOrderAt', r.last_order_at)
      from customer_rfm r join owner o on o.customer_id = r.customer_id
     where r.corp_id = ${corpId} and r.class = any(${[...AT_RISK_CLASSES]}::text[])
    union all
    select o.customer_id, o.staff_userid, 'repurchase',
           jsonb_build_object('lastOrderAt', r.last_order_at, 'medianIntervalDays', round(r.median_interval_days::numeric, 1))
      from customer_rfm r join owner o on o.customer_id = r.customer_id
     where r.corp_id = ${corpId} and r.median_interval_days is not null
       and r.last_order_at < now() - make_interval(secs => r.median_interval_days::float8 * 86400 * ${s.repurchaseFactor}::float8)
       and r.last_order_at > now() - make_interval(days => ${s.inactiveDays}::int)`.execute(tx);
  return rows.map((r) => ({ customerId: r.customer_id, staffUserid: r.staff_userid, kind: r.kind, detail: r.detail }));
}

export type AlertListQuery = { kind?: AlertKind; status: 'open' | 'done' | 'dismissed'; staffUserid: string | null; page: number; pageSize: number };

export async function listAlerts(tx: Tx, corpId: string, q: AlertListQuery) {
  let base = tx
    .selectFrom('alerts as a')
    .innerJoin('customers as c', (j) => j.onRef('c.corp_id', '=', 'a.corp_id').onRef('c.id', '=', 'a.customer_id'))
    .leftJoin('staff as s', (j) => j.onRef('s.corp_id', '=', 'a.corp_id').onRef('s.userid', '=', 'a.staff_userid'))
    .where('a.corp_id', '=', corpId)
    .where('a.status', '=', q.status);
  if (q.kind) base = base.where('a.kind', '=', q.kind);
  if (q.staffUserid) base = base.where('a.staff_userid', '=', q.staffUserid);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .select([
      'a.id',
      'a.kind',
      'a.status',
      'a.detail',
      'a.created_at as createdAt',
      'a.notified_at as notifiedAt',
      'a.customer_id as customerId',
      'c.name as customerName',
      'a.staff_userid as staffUserid',
      's.name as staffName',
    ])
    .orderBy('a.created_at', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total.n) };
}
