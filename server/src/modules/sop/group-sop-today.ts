// Group SOP as the group's owner sees it in the chat sidebar: the items of one group due today (Asia/Shanghai) —
// each a run of a push occurrence for that group, with the push's content — and marking one done (done_at/done_by on
// that group's run). Only the group's current owner gets them; anyone else gets nothing and finishes nothing.
import type { GroupSopAction, GroupSopContent, GroupSopRunState } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type GroupSopTodayItem = {
  planId: string;
  pushId: string;
  planName: string;
  occurrenceAt: Date;
  action: GroupSopAction;
  state: GroupSopRunState;
  content: GroupSopContent;
  doneAt: Date | null;
};
/** One group's run of one push occurrence. */
export type GroupSopItemKey = { chatId: string; pushId: string; occurrenceAt: Date };

/** The Shanghai calendar day that `at` falls in, as an SQL condition on `col`. */
const sameDay = (col: string, at: Date) =>
  sql`${sql.raw(col)} >= (date_trunc('day', ${at.toISOString()}::timestamptz AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')
    AND ${sql.raw(col)} < (date_trunc('day', ${at.toISOString()}::timestamptz AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai') + interval '1 day'`;

/** The owner's live group, else false. */
async function ownsGroup(tx: Tx, corpId: string, chatId: string, ownerUserid: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM groups
     WHERE corp_id = ${corpId} AND chat_id = ${chatId} AND owner_userid = ${ownerUserid} AND dismissed_at IS NULL`.execute(tx);
  return rows[0].n > 0;
}

/** The group's items of the day `at` falls in, earliest first; [] when the group is not this owner's. */
export async function groupSopDueToday(tx: Tx, corpId: string, chatId: string, ownerUserid: string, at: Date): Promise<GroupSopTodayItem[]> {
  if (!(await ownsGroup(tx, corpId, chatId, ownerUserid))) return [];
  const { rows } = await sql<GroupSopTodayItem>`
    SELECT r.plan_id AS "planId", r.push_id AS "pushId", pl.name AS "planName", r.occurrence_at AS "occurrenceAt",
           r.action, r.state, p.content, r.done_at AS "doneAt"
      FROM group_sop_runs r
      JOIN group_sop_plans pl ON pl.corp_id = r.corp_id AND pl.id = r.plan_id
      JOIN group_sop_pushes p ON p.corp_id = r.corp_id AND p.plan_id = r.plan_id AND p.id = r.push_id
     WHERE r.corp_id = ${corpId} AND r.chat_id = ${chatId} AND ${sameDay('r.occurrence_at', at)}
     ORDER BY r.occurrence_at, pl.name LIMIT 50`.execute(tx);
  return rows;
}

/** Marks the owner's item of the day done (again: keeps the first time); false when there is no such item of theirs. */
export async function finishGroupSopItem(tx: Tx, corpId: string, key: GroupSopItemKey, ownerUserid: string, at: Date): Promise<boolean> {
  if (!(await ownsGroup(tx, corpId, key.chatId, ownerUserid))) return false;
  const { rows } = await sql<{ n: number }>`
    WITH u AS (
      UPDATE group_sop_runs SET done_at = coalesce(done_at, ${at}), done_by = coalesce(done_by, ${ownerUserid})
       WHERE corp_id = ${corpId} AND chat_id = ${key.chatId} AND push_id = ${key.pushId}
         AND occurrence_at = ${key.occurrenceAt.toISOString()}::timestamptz AND ${sameDay('occurrence_at', at)}
      RETURNING 1)
    SELECT count(*)::int AS n FROM u`.execute(tx);
  return rows[0].n > 0;
}
