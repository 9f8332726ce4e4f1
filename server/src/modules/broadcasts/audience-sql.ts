// The audience of a broadcast as one SQL query (no per-recipient round trips): every audience member once, with the
// staff member who sends to them and, when they are not sent to, why. The planner inserts it, the preview counts it.
//
// Customers: the audience is every customer matching all given parts (segment, tags, stage, filter — compiled by
// segments' rule compiler —, staff, uploaded list). A customer followed by several eligible staff members is sent one
// message, by the staff member who added them first (earliest follow; ties by userid): the other follows count as
// `duplicate` for their staff member. Not sent to, in this order: `excluded` (the exclusion rule or list), `opted_out`,
// `not_friend` (no live follow with an active eligible staff member; charged to the last staff member who followed),
// `cap` (this period's WeCom cap already reached by Siyu's own mass messages).
// Groups: every live group matching owner, list and name; dismissed or ownerless groups are `not_friend`.
import type { CustomerAudience, GroupAudience, Rule } from '@siyu/contracts';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { compileRule, prepareRule } from '../segments';
import { DomainError } from '../../http/errors';
import type { CapWindow } from './cap-period';

export type AudienceQuery = {
  /** SELECT target, customer_id, staff_userid, reason, dups — one row per audience member (dups: other follows). */
  members: RawBuilder<unknown>;
  /** SELECT staff_userid, count — follows of sent-to customers whose message goes from another owner. */
  duplicates: RawBuilder<unknown>;
};

const TRUE = sql<SqlBool>`true`;
const FALSE = sql<SqlBool>`false`;

async function compiled(tx: Tx, corpId: string, parts: Rule[], now: Date): Promise<RawBuilder<SqlBool>> {
  if (parts.length === 0) return TRUE;
  const { rule, segments } = await prepareRule(tx, corpId, parts.length === 1 ? parts[0] : { all: parts });
  return compileRule(rule, { corpId, now, mode: 'set', segments });
}

function textArray(values: readonly string[]) {
  return sql`${[...new Set(values)]}::text[]`;
}

/**
 * The cap CTE's body: targets that already had `limit` of Siyu's mass messages this period. Only broadcasts that
 * were not finished before the period began can hold such a recipient (results are stored before a broadcast is
 * completed, and a recipient counts from its send time or the broadcast's), so their recipients are read through
 * the primary key's (corp_id, broadcast_id) prefix instead of the corp's whole history.
 */
function cappedTargets(corpId: string, cap: CapWindow) {
  const start = sql`${cap.start.toISOString()}::timestamptz`;
  return sql`SELECT r.target FROM broadcasts b
      JOIN broadcast_recipients r ON r.corp_id = b.corp_id AND r.broadcast_id = b.id
     WHERE b.corp_id = ${corpId} AND b.status <> 'cancelled' AND (b.completed_at IS NULL OR b.completed_at >= ${start})
       AND r.corp_id = ${corpId} AND r.role = 'send' AND coalesce(r.status, 0) IN (0, 1) AND coalesce(r.sent_at, b.send_at) >= ${start}
     GROUP BY r.target HAVING count(*) >= ${cap.limit}`;
}

/**
 * The audience queries join and aggregate whole sets; with missing statistics (PGlite never analyzes, PostgreSQL not
 * yet after a big insert) the planner may pick nested loops over them (minutes instead of seconds). Hash joins only.
 */
export async function preferHashJoins(tx: Tx): Promise<void> {
  await sql`SET LOCAL enable_nestloop = off`.execute(tx);
  // The plan sorts and hashes the whole audience several times: in memory, not in temporary files (this transaction only).
  await sql`SET LOCAL work_mem = '64MB'`.execute(tx);
}

export async function customerAudience(tx: Tx, corpId: string, a: CustomerAudience, cap: CapWindow, now: Date): Promise<AudienceQuery> {
  const parts: Rule[] = [];
  if (a.segmentId) parts.push({ kind: 'segment', segmentId: a.segmentId });
  if (a.tags) parts.push({ kind: 'tags', match: a.tags.match, tagIds: a.tags.tagIds });
  if (a.stage) parts.push({ kind: 'stage', pipelineId: a.stage.pipelineId, stageIds: a.stage.stageIds });
  if (a.filter) parts.push(a.filter as Rule);
  if (parts.length === 0 && !a.staffUserids && !a.externalUserids) throw new DomainError('broadcast_audience_missing');
  const match = await compiled(tx, corpId, parts, now);
  const exclude = a.exclude ? await compiled(tx, corpId, [a.exclude as Rule], now) : FALSE;
  const staff = a.staffUserids ? textArray(a.staffUserids) : null;
  const staffOf = (alias: string) => (staff ? sql`AND ${sql.ref(`${alias}.staff_userid`)} = ANY(${staff})` : sql``);
  const list = a.externalUserids ? sql`AND c.external_userid = ANY(${textArray(a.externalUserids)})` : sql``;
  const excludeList = a.excludeExternalUserids?.length ? sql`OR c.external_userid = ANY(${textArray(a.excludeExternalUserids)})` : sql``;
  const byStaff = staff
    ? sql`AND EXISTS (SELECT 1 FROM follows f0 WHERE f0.corp_id = c.corp_id AND f0.customer_id = c.id AND f0.staff_userid = ANY(${staff}))`
    : sql``;
  const ctes = sql`
    aud AS MATERIALIZED (
      SELECT c.id, c.external_userid AS target, (${exclude} ${excludeList}) AS excluded FROM customers c
       WHERE c.corp_id = ${corpId} AND c.external_userid IS NOT NULL AND ${match} ${list} ${byStaff}),
    act AS MATERIALIZED (
      SELECT f.customer_id, f.staff_userid,
             row_number() OVER (PARTITION BY f.customer_id ORDER BY f.followed_at, f.staff_userid COLLATE "C") AS rk,
             count(*) OVER (PARTITION BY f.customer_id) AS nf
        FROM follows f JOIN aud ON aud.id = f.customer_id
        JOIN staff s ON s.corp_id = f.corp_id AND s.userid = f.staff_userid AND s.status = 1
       WHERE f.corp_id = ${corpId} AND f.deleted_at IS NULL ${staffOf('f')}),
    -- The sender in one pass over the audience and its follows: the earliest live follow with an active eligible
    -- staff member (ties by userid); without one, the last follow (not_friend is charged to that staff member), or none.
    -- The count's window is ordered as DISTINCT ON is, so one sort serves both, and the row carries the audience
    -- member on (no second pass over the audience, no sort to join it back).
    pick AS MATERIALIZED (
      SELECT DISTINCT ON (f.id) f.id, f.target, f.excluded, f.staff_userid, f.live, count(*) FILTER (WHERE f.live) OVER w AS nf
        FROM (SELECT aud.id, aud.target, aud.excluded, f.staff_userid, f.followed_at, (f.deleted_at IS NULL AND s.userid IS NOT NULL) AS live,
                     CASE WHEN f.deleted_at IS NULL AND s.userid IS NOT NULL THEN f.followed_at END AS live_at,
                     CASE WHEN f.deleted_at IS NULL AND s.userid IS NOT NULL THEN f.staff_userid END AS live_by
                FROM aud LEFT JOIN follows f ON f.corp_id = ${corpId} AND f.customer_id = aud.id ${staffOf('f')}
                LEFT JOIN staff s ON s.corp_id = f.corp_id AND s.userid = f.staff_userid AND s.status = 1) f
      WINDOW w AS (PARTITION BY f.id ORDER BY f.live DESC, f.live_at, f.live_by COLLATE "C", f.followed_at DESC
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
       ORDER BY f.id, f.live DESC, f.live_at, f.live_by COLLATE "C", f.followed_at DESC),
    capped AS (${cappedTargets(corpId, cap)}),
    cls AS MATERIALIZED (
      SELECT o.target, o.id AS customer_id, o.staff_userid,
             CASE WHEN o.excluded THEN 'excluded'
                  WHEN oo.customer_id IS NOT NULL THEN 'opted_out'
                  WHEN o.live IS NOT TRUE THEN 'not_friend'
                  WHEN cp.target IS NOT NULL THEN 'cap' END AS reason,
             greatest(coalesce(o.nf, 1), 1) - 1 AS others
        FROM pick o
        LEFT JOIN broadcast_opt_outs oo ON oo.corp_id = ${corpId} AND oo.customer_id = o.id
        LEFT JOIN capped cp ON cp.target = o.target)`;
  return {
    members: sql`WITH ${ctes} SELECT target, customer_id, staff_userid, reason,
        CASE WHEN reason IS NULL THEN others ELSE 0 END::int AS dups FROM cls`,
    duplicates: sql`WITH ${ctes} SELECT act.staff_userid, count(*)::int AS n FROM act
        JOIN cls ON cls.customer_id = act.customer_id AND cls.reason IS NULL WHERE act.rk > 1 GROUP BY act.staff_userid`,
  };
}

export function groupAudience(corpId: string, a: GroupAudience, cap: CapWindow): AudienceQuery {
  if (!a.ownerUserids && !a.chatIds && !a.nameContains) throw new DomainError('broadcast_audience_missing');
  const owners = a.ownerUserids ? sql`AND g.owner_userid = ANY(${textArray(a.ownerUserids)})` : sql``;
  const list = a.chatIds ? sql`AND g.chat_id = ANY(${textArray(a.chatIds)})` : sql``;
  const name = a.nameContains ? sql`AND strpos(g.name, ${a.nameContains}) > 0` : sql``;
  const excl = a.excludeChatIds?.length ? sql`g.chat_id = ANY(${textArray(a.excludeChatIds)})` : FALSE;
  const members = sql`
    WITH capped AS (${cappedTargets(corpId, cap)})
    SELECT g.chat_id AS target, NULL::uuid AS customer_id, g.owner_userid AS staff_userid,
           CASE WHEN ${excl} THEN 'excluded'
                WHEN g.dismissed_at IS NOT NULL OR s.userid IS NULL THEN 'not_friend'
                WHEN cp.target IS NOT NULL THEN 'cap' END AS reason, 0 AS dups
      FROM groups g
      LEFT JOIN staff s ON s.corp_id = g.corp_id AND s.userid = g.owner_userid AND s.status = 1
      LEFT JOIN capped cp ON cp.target = g.chat_id
     WHERE g.corp_id = ${corpId} ${owners} ${list} ${name}`;
  return { members, duplicates: sql`SELECT NULL::text AS staff_userid, 0 AS n WHERE false` };
}
