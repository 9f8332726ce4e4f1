// SQL of group SOP plans and their pushes (the configuration side), the groups a selection matches (read from the
// WeCom mirror's `groups` and `staff`), and the per-push, per-group results with group and owner names.
import type { GroupSopAction, GroupSopContent, GroupSopRunState, GroupSopSchedule, GroupSopSelection, GroupSopStatus } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type PlanRow = {
  id: string;
  name: string;
  status: GroupSopStatus;
  selection: GroupSopSelection;
  last_error: string | null;
  last_error_at: Date | null;
  created_at: Date;
  updated_at: Date;
};
export type PushRow = {
  plan_id: string;
  id: string;
  position: number;
  schedule: GroupSopSchedule;
  action: GroupSopAction;
  content: GroupSopContent;
  next_at: Date | null;
};
export type PushWrite = { id: string | null; position: number; schedule: GroupSopSchedule; action: GroupSopAction; content: GroupSopContent; nextAt: Date | null };

/** The SQL condition "group `g` is chosen by the selection in `sel`" (jsonb); every given part must hold. */
export const selectionMatches = (g: string, sel: string) =>
  sql.raw(`(${g}.dismissed_at IS NULL
    AND (NOT (${sel} ? 'ownerUserids') OR ${g}.owner_userid IN (SELECT jsonb_array_elements_text(${sel}->'ownerUserids')))
    AND (NOT (${sel} ? 'chatIds') OR ${g}.chat_id IN (SELECT jsonb_array_elements_text(${sel}->'chatIds')))
    AND (NOT (${sel} ? 'nameContains') OR strpos(lower(${g}.name), lower(${sel}->>'nameContains')) > 0))`);

export async function insertPlan(tx: Tx, corpId: string, p: { name: string; selection: GroupSopSelection; createdBy: string | null }): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO group_sop_plans (corp_id, name, selection, created_by)
    VALUES (${corpId}, ${p.name}, ${JSON.stringify(p.selection)}::jsonb, ${p.createdBy}) RETURNING id`.execute(tx);
  return rows[0].id;
}

export async function updatePlan(tx: Tx, corpId: string, id: string, p: { name: string; selection: GroupSopSelection }): Promise<void> {
  await sql`UPDATE group_sop_plans SET name = ${p.name}, selection = ${JSON.stringify(p.selection)}::jsonb, updated_at = now()
     WHERE corp_id = ${corpId} AND id = ${id}`.execute(tx);
}

export async function setStatus(tx: Tx, corpId: string, id: string, status: GroupSopStatus): Promise<void> {
  await sql`UPDATE group_sop_plans SET status = ${status}, updated_at = now() WHERE corp_id = ${corpId} AND id = ${id}`.execute(tx);
}

/** The plan, locked for a change when `forUpdate`. */
export async function plan(tx: Tx, corpId: string, id: string, forUpdate = false): Promise<PlanRow | undefined> {
  const { rows } = await sql<PlanRow>`
    SELECT id, name, status, selection, last_error, last_error_at, created_at, updated_at FROM group_sop_plans
     WHERE corp_id = ${corpId} AND id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(tx);
  return rows[0];
}

export async function plans(tx: Tx, corpId: string): Promise<PlanRow[]> {
  const { rows } = await sql<PlanRow>`
    SELECT id, name, status, selection, last_error, last_error_at, created_at, updated_at FROM group_sop_plans
     WHERE corp_id = ${corpId} ORDER BY created_at DESC LIMIT 500`.execute(tx);
  return rows;
}

/** The current (not removed) pushes of these plans, in their order. */
export async function pushes(tx: Tx, corpId: string, planIds: string[]): Promise<PushRow[]> {
  if (planIds.length === 0) return [];
  const { rows } = await sql<PushRow>`
    SELECT plan_id, id, position, schedule, action, content, next_at FROM group_sop_pushes
     WHERE corp_id = ${corpId} AND plan_id = ANY(${planIds}::uuid[]) AND removed_at IS NULL ORDER BY plan_id, position`.execute(tx);
  return rows;
}

/** Replaces a plan's pushes: kept ones are updated, new ones inserted, the others marked removed (their results stay). */
export async function writePushes(tx: Tx, corpId: string, planId: string, list: PushWrite[]): Promise<void> {
  const kept = list.filter((p) => p.id).map((p) => p.id as string);
  await sql`UPDATE group_sop_pushes SET removed_at = now(), next_at = NULL
     WHERE corp_id = ${corpId} AND plan_id = ${planId} AND removed_at IS NULL AND NOT (id = ANY(${kept}::uuid[]))`.execute(tx);
  for (const p of list) {
    const values = { schedule: JSON.stringify(p.schedule), content: JSON.stringify(p.content) };
    if (p.id) {
      await sql`UPDATE group_sop_pushes SET position = ${p.position}, schedule = ${values.schedule}::jsonb, action = ${p.action},
          content = ${values.content}::jsonb, next_at = ${p.nextAt}
         WHERE corp_id = ${corpId} AND plan_id = ${planId} AND id = ${p.id}`.execute(tx);
    } else {
      await sql`INSERT INTO group_sop_pushes (corp_id, plan_id, position, schedule, action, content, next_at)
        VALUES (${corpId}, ${planId}, ${p.position}, ${values.schedule}::jsonb, ${p.action}, ${values.content}::jsonb, ${p.nextAt})`.execute(tx);
    }
  }
}

export async function setNextAt(tx: Tx, corpId: string, planId: string, next: Array<{ id: string; nextAt: Date | null }>): Promise<void> {
  for (const n of next) await sql`UPDATE group_sop_pushes SET next_at = ${n.nextAt} WHERE corp_id = ${corpId} AND plan_id = ${planId} AND id = ${n.id}`.execute(tx);
}

export async function clearNextAt(tx: Tx, corpId: string, planId: string): Promise<void> {
  await sql`UPDATE group_sop_pushes SET next_at = NULL WHERE corp_id = ${corpId} AND plan_id = ${planId}`.execute(tx);
}

/** How many live groups a selection matches now. */
export async function countGroups(tx: Tx, corpId: string, selection: GroupSopSelection): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM groups g, (SELECT ${JSON.stringify(selection)}::jsonb AS s) q
     WHERE g.corp_id = ${corpId} AND ${selectionMatches('g', 'q.s')}`.execute(tx);
  return Number(rows[0].n);
}

/** Group counts of saved plans, in one statement. */
export async function groupCounts(tx: Tx, corpId: string, planIds: string[]): Promise<Map<string, number>> {
  if (planIds.length === 0) return new Map();
  const { rows } = await sql<{ id: string; n: string }>`
    SELECT p.id, count(g.chat_id) AS n FROM group_sop_plans p
      LEFT JOIN groups g ON g.corp_id = p.corp_id AND ${selectionMatches('g', 'p.selection')}
     WHERE p.corp_id = ${corpId} AND p.id = ANY(${planIds}::uuid[]) GROUP BY p.id`.execute(tx);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** The given userids that are this corp's staff. */
export async function knownStaff(tx: Tx, corpId: string, userids: string[]): Promise<Map<string, string>> {
  if (userids.length === 0) return new Map();
  const { rows } = await sql<{ userid: string; name: string }>`
    SELECT userid, name FROM staff WHERE corp_id = ${corpId} AND userid = ANY(${userids}::text[])`.execute(tx);
  return new Map(rows.map((r) => [r.userid, r.name]));
}

/** The given chat ids that are live groups of this corp. */
export async function liveGroups(tx: Tx, corpId: string, chatIds: string[]): Promise<Set<string>> {
  const { rows } = await sql<{ chat_id: string }>`
    SELECT chat_id FROM groups WHERE corp_id = ${corpId} AND chat_id = ANY(${chatIds}::text[]) AND dismissed_at IS NULL`.execute(tx);
  return new Set(rows.map((r) => r.chat_id));
}

export type CountsRow = { plan_id: string; runs: string; created: string; sent: string; reminded: string; failed: string };

/** Result counts per plan (a staff member: of their own groups). */
export async function counts(tx: Tx, corpId: string, planIds: string[], own: string | null): Promise<Map<string, CountsRow>> {
  if (planIds.length === 0) return new Map();
  const { rows } = await sql<CountsRow>`
    SELECT plan_id, count(*) AS runs,
           count(*) FILTER (WHERE state IN ('created', 'sent', 'not_delivered', 'received_other')) AS created,
           count(*) FILTER (WHERE state = 'sent') AS sent,
           count(*) FILTER (WHERE state = 'reminded') AS reminded,
           count(*) FILTER (WHERE state IN ('failed', 'refused', 'missed')) AS failed
      FROM group_sop_runs WHERE corp_id = ${corpId} AND plan_id = ANY(${planIds}::uuid[])
       ${own ? sql`AND owner_userid = ${own}` : sql``}
     GROUP BY plan_id`.execute(tx);
  return new Map(rows.map((r) => [r.plan_id, r]));
}

export type RunView = {
  push_id: string;
  action: GroupSopAction;
  occurrence_at: Date;
  chat_id: string;
  group_name: string | null;
  owner_userid: string | null;
  owner_name: string | null;
  state: GroupSopRunState;
  sent_at: Date | null;
  error: string | null;
};

/** The newest results of a plan, one row per (occurrence, group), with group and owner names. */
export async function runs(tx: Tx, corpId: string, planId: string, own: string | null, limit: number): Promise<{ rows: RunView[]; total: number }> {
  const scope = own ? sql`AND r.owner_userid = ${own}` : sql``;
  const { rows } = await sql<RunView>`
    SELECT r.push_id, r.action, r.occurrence_at, r.chat_id, g.name AS group_name, r.owner_userid, s.name AS owner_name,
           r.state, r.sent_at, r.error
      FROM group_sop_runs r
      LEFT JOIN groups g ON g.corp_id = r.corp_id AND g.chat_id = r.chat_id
      LEFT JOIN staff s ON s.corp_id = r.corp_id AND s.userid = r.owner_userid
     WHERE r.corp_id = ${corpId} AND r.plan_id = ${planId} ${scope}
     ORDER BY r.occurrence_at DESC, g.name, r.chat_id LIMIT ${limit}`.execute(tx);
  const total = await sql<{ n: string }>`SELECT count(*) AS n FROM group_sop_runs r WHERE r.corp_id = ${corpId} AND r.plan_id = ${planId} ${scope}`.execute(tx);
  return { rows, total: Number(total.rows[0].n) };
}
