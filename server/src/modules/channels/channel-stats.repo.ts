// Per-code statistics (a deletion whose side is unknown counts as the staff's). A day is a local (Asia/Shanghai) calendar day. Deletions are counted on the day they
// happened, among followers this code brought; retention and conversion belong to the day of the add (cohort).
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { CHANNEL_TIMEZONE as TZ } from './channel-schedule';

export type DayStats = {
  day: string;
  adds: number;
  deletedByCustomer: number;
  deletedByStaff: number;
  net: number;
  retention1: number | null;
  retention7: number | null;
  retention30: number | null;
  converted: number;
  revenue: number;
  welcomeSent: number;
  welcomeLate: number;
};

export type CodeTotals = {
  channelId: string;
  adds: number;
  deletedByCustomer: number;
  deletedByStaff: number;
  net: number;
  converted: number;
  revenue: number;
  welcomeSent: number;
  welcomeLate: number;
  welcomeFailed: number;
};

type Range = { from: string; to: string };

export async function dailyStats(tx: Tx, corpId: string, channelId: string, range: Range): Promise<DayStats[]> {
  const { rows } = await sql<Record<string, unknown>>`
    WITH days AS (
      SELECT d::date AS day FROM generate_series(${range.from}::date, ${range.to}::date, interval '1 day') AS d
    ), adds AS (
      SELECT a.customer_id, a.added_at, (a.added_at AT TIME ZONE ${TZ})::date AS day, a.welcome_status,
             f.deleted_at, f.deleted_by, (f.deleted_at AT TIME ZONE ${TZ})::date AS deleted_day
        FROM channel_adds a
        LEFT JOIN follows f ON f.corp_id = a.corp_id AND f.customer_id = a.customer_id AND f.staff_userid = a.staff_userid
       WHERE a.corp_id = ${corpId} AND a.channel_id = ${channelId}
    ), firsts AS (
      SELECT customer_id, min(added_at) AS added_at FROM adds GROUP BY customer_id
    ), buyers AS (
      SELECT fi.customer_id, (fi.added_at AT TIME ZONE ${TZ})::date AS day, sum(o.amount)::float8 AS revenue
        FROM firsts fi JOIN orders o ON o.corp_id = ${corpId} AND o.customer_id = fi.customer_id AND o.paid_at >= fi.added_at
       GROUP BY fi.customer_id, fi.added_at
    ), today AS (SELECT (now() AT TIME ZONE ${TZ})::date AS d)
    SELECT to_char(days.day, 'YYYY-MM-DD') AS day,
      (SELECT count(*) FROM adds WHERE adds.day = days.day)::int AS adds,
      (SELECT count(*) FROM adds WHERE adds.deleted_day = days.day AND adds.deleted_by = 'customer')::int AS deleted_by_customer,
      (SELECT count(*) FROM adds WHERE adds.deleted_day = days.day AND adds.deleted_by IS DISTINCT FROM 'customer')::int AS deleted_by_staff,
      ${retention(1)} AS retention1,
      ${retention(7)} AS retention7,
      ${retention(30)} AS retention30,
      (SELECT count(*) FROM buyers WHERE buyers.day = days.day)::int AS converted,
      coalesce((SELECT sum(revenue) FROM buyers WHERE buyers.day = days.day), 0)::float8 AS revenue,
      (SELECT count(*) FROM adds WHERE adds.day = days.day AND adds.welcome_status = 'sent')::int AS welcome_sent,
      (SELECT count(*) FROM adds WHERE adds.day = days.day AND adds.welcome_status = 'late')::int AS welcome_late
    FROM days ORDER BY days.day`.execute(tx);
  return rows.map((r) => {
    const adds = Number(r.adds);
    const delC = Number(r.deleted_by_customer);
    const delS = Number(r.deleted_by_staff);
    const ratio = (v: unknown) => (v === null || v === undefined || adds === 0 ? null : Number(v) / adds);
    return {
      day: String(r.day),
      adds,
      deletedByCustomer: delC,
      deletedByStaff: delS,
      net: adds - delC - delS,
      retention1: ratio(r.retention1),
      retention7: ratio(r.retention7),
      retention30: ratio(r.retention30),
      converted: Number(r.converted),
      revenue: Number(r.revenue),
      welcomeSent: Number(r.welcome_sent),
      welcomeLate: Number(r.welcome_late),
    };
  });
}

/** Followers of day d still there N days later; null while those N days have not passed. */
function retention(n: number) {
  return sql`CASE WHEN days.day + ${n}::int <= (SELECT d FROM today)
    THEN (SELECT count(*) FROM adds WHERE adds.day = days.day
            AND (adds.deleted_at IS NULL OR adds.deleted_at > adds.added_at + make_interval(days => ${n}::int)))::int END`;
}

/** Totals per code over a range (from/to null = the code's whole life). */
export async function codeTotals(tx: Tx, corpId: string, range: Range | null, channelId?: string): Promise<CodeTotals[]> {
  const from = range?.from ?? '1970-01-01';
  const to = range?.to ?? '9999-12-31';
  const only = channelId ? sql`AND a.channel_id = ${channelId}` : sql``;
  const { rows } = await sql<Record<string, unknown>>`
    WITH adds AS (
      SELECT a.channel_id, a.customer_id, a.added_at, (a.added_at AT TIME ZONE ${TZ})::date AS day, a.welcome_status,
             f.deleted_by, (f.deleted_at AT TIME ZONE ${TZ})::date AS deleted_day
        FROM channel_adds a
        LEFT JOIN follows f ON f.corp_id = a.corp_id AND f.customer_id = a.customer_id AND f.staff_userid = a.staff_userid
       WHERE a.corp_id = ${corpId} ${only}
    ), firsts AS (
      SELECT channel_id, customer_id, min(added_at) AS added_at FROM adds GROUP BY channel_id, customer_id
    ), buyers AS (
      SELECT fi.channel_id, fi.customer_id, sum(o.amount)::float8 AS revenue
        FROM firsts fi JOIN orders o ON o.corp_id = ${corpId} AND o.customer_id = fi.customer_id AND o.paid_at >= fi.added_at
       WHERE (fi.added_at AT TIME ZONE ${TZ})::date BETWEEN ${from}::date AND ${to}::date
       GROUP BY fi.channel_id, fi.customer_id
    )
    SELECT c.id AS channel_id,
      (SELECT count(*) FROM adds WHERE adds.channel_id = c.id AND adds.day BETWEEN ${from}::date AND ${to}::date)::int AS adds,
      (SELECT count(*) FROM adds WHERE adds.channel_id = c.id AND adds.deleted_by = 'customer'
          AND adds.deleted_day BETWEEN ${from}::date AND ${to}::date)::int AS deleted_by_customer,
      (SELECT count(*) FROM adds WHERE adds.channel_id = c.id AND adds.deleted_by IS DISTINCT FROM 'customer'
          AND adds.deleted_day BETWEEN ${from}::date AND ${to}::date)::int AS deleted_by_staff,
      (SELECT count(*) FROM buyers WHERE buyers.channel_id = c.id)::int AS converted,
      coalesce((SELECT sum(revenue) FROM buyers WHERE buyers.channel_id = c.id), 0)::float8 AS revenue,
      (SELECT count(*) FROM adds WHERE adds.channel_id = c.id AND adds.welcome_status = 'sent' AND adds.day BETWEEN ${from}::date AND ${to}::date)::int AS welcome_sent,
      (SELECT count(*) FROM adds WHERE adds.channel_id = c.id AND adds.welcome_status = 'late' AND adds.day BETWEEN ${from}::date AND ${to}::date)::int AS welcome_late,
      (SELECT count(*) FROM adds WHERE adds.channel_id = c.id AND adds.welcome_status = 'failed' AND adds.day BETWEEN ${from}::date AND ${to}::date)::int AS welcome_failed
    FROM channel_codes c WHERE c.corp_id = ${corpId} ${channelId ? sql`AND c.id = ${channelId}` : sql``}`.execute(tx);
  return rows.map((r) => {
    const adds = Number(r.adds);
    const delC = Number(r.deleted_by_customer);
    const delS = Number(r.deleted_by_staff);
    return {
      channelId: String(r.channel_id),
      adds,
      deletedByCustomer: delC,
      deletedByStaff: delS,
      net: adds - delC - delS,
      converted: Number(r.converted),
      revenue: Number(r.revenue),
      welcomeSent: Number(r.welcome_sent),
      welcomeLate: Number(r.welcome_late),
      welcomeFailed: Number(r.welcome_failed),
    };
  });
}
