import { sql } from 'kysely';
import type { ProfileTables } from '../../db/schema-profiles';
import type { Tx } from '../../db/tenancy';

export type AlertKind = ProfileTables['alerts']['kind'];
/** subject: what within the kind ('sku:MILK'; '' if none); basisAt: when the episode started (see alert-rules.repo.ts). */
export type NewAlert = { customerId: string; staffUserid: string | null; kind: AlertKind; subject?: string; basisAt?: string | null; detail: Record<string, unknown> };
export type OpenedAlert = { id: string; customer_id: string; staff_userid: string | null; kind: AlertKind; subject: string; product: string | null };
export type AlertSettings = { inactiveDays: number; repurchaseFactor: number; notifyStaff: boolean };

export async function getAlertSettings(tx: Tx, corpId: string): Promise<AlertSettings> {
  const r = await tx.selectFrom('alert_settings').selectAll().where('corp_id', '=', corpId).executeTakeFirst();
  return r
    ? { inactiveDays: Number(r.inactive_days), repurchaseFactor: Number(r.repurchase_factor), notifyStaff: r.notify_staff }
    : { inactiveDays: 60, repurchaseFactor: 1.2, notifyStaff: true };
}

/** Which of these customers have an open alert (the partial index alerts_one_open answers it). */
export async function customersWithOpenAlerts(tx: Tx, corpId: string, customerIds: readonly string[]): Promise<string[]> {
  if (customerIds.length === 0) return [];
  const rows = await tx
    .selectFrom('alerts')
    .select('customer_id')
    .distinct()
    .where('corp_id', '=', corpId)
    .where('status', '=', 'open')
    .where('customer_id', '=', sql<string>`any(${[...customerIds]}::uuid[])`)
    .execute();
  return rows.map((r) => r.customer_id);
}

export async function saveAlertSettings(tx: Tx, corpId: string, s: AlertSettings): Promise<void> {
  const v = { inactive_days: s.inactiveDays, repurchase_factor: s.repurchaseFactor, notify_staff: s.notifyStaff };
  await tx
    .insertInto('alert_settings')
    .values({ corp_id: corpId, ...v })
    .onConflict((oc) => oc.column('corp_id').doUpdateSet({ ...v, updated_at: new Date() }))
    .execute();
}

/**
 * Opens alerts: one open alert per (customer, kind, subject, staff), and none for an episode that already had one
 * (same customer, kind and subject, basis not newer), whatever became of it. Returns the ones that are new.
 */
export async function openAlerts(tx: Tx, corpId: string, alerts: NewAlert[]): Promise<OpenedAlert[]> {
  if (alerts.length === 0) return [];
  const rows = alerts.map((a) => ({ customer_id: a.customerId, staff_userid: a.staffUserid, kind: a.kind, subject: a.subject ?? '', basis_at: a.basisAt ?? null, detail: a.detail }));
  const { rows: out } = await sql<OpenedAlert>`
    insert into alerts (corp_id, customer_id, staff_userid, kind, subject, basis_at, detail)
    select ${corpId}, v.customer_id, v.staff_userid, v.kind, v.subject, v.basis_at, v.detail
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as v(customer_id uuid, staff_userid text, kind text, subject text, basis_at timestamptz, detail jsonb)
     where not exists (select 1 from alerts a where a.corp_id = ${corpId} and a.customer_id = v.customer_id and a.kind = v.kind
                          and a.subject = v.subject and a.basis_at >= v.basis_at)
    on conflict (corp_id, customer_id, kind, subject, coalesce(staff_userid, '')) where status = 'open' do nothing
    returning id, customer_id, staff_userid, kind, subject, detail->>'productName' as product`.execute(tx);
  return out;
}

/** Marks one alert done or dismissed (only one of `staffUserid`'s when given); undefined when there is no such alert. */
export function closeAlert(tx: Tx, corpId: string, id: string, status: 'done' | 'dismissed', staffUserid: string | null) {
  let q = tx.updateTable('alerts').set({ status, resolved_at: new Date() }).where('corp_id', '=', corpId).where('id', '=', id);
  if (staffUserid) q = q.where('staff_userid', '=', staffUserid);
  return q.returning('customer_id').executeTakeFirst();
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
      'a.subject',
      'a.detail',
      'a.resolved_at as resolvedAt',
      'a.resolved_reason as resolvedReason',
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

/** Alerts per kind in one status (a staff member: only their own), for the tabs of the alerts page. */
export async function countAlerts(tx: Tx, corpId: string, q: { status: 'open' | 'done' | 'dismissed'; staffUserid: string | null }): Promise<Record<AlertKind, number>> {
  let base = tx.selectFrom('alerts').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).where('corp_id', '=', corpId).where('status', '=', q.status);
  if (q.staffUserid) base = base.where('staff_userid', '=', q.staffUserid);
  const rows = await base.groupBy('kind').execute();
  const out: Record<AlertKind, number> = { churn_deleted: 0, churn_inactive: 0, churn_rfm: 0, repurchase: 0 };
  for (const r of rows) out[r.kind] = Number(r.n);
  return out;
}
