// Storing WeCom's per-recipient results set-based: one UPDATE … FROM unnest per batch of pages, and one call of the
// spine's bulk path (recordFacts) for the customers it newly reached: a `broadcast.sent` fact on each one's timeline.
// A fact is recorded exactly once because the UPDATE returns only recipients whose status it changed (a repeated
// pull changes nothing; two pulls at once serialise on the rows), so the timeline rows need no dedupe key (its
// unique index cost ~40 % of their insert). The UPDATE names the batch's tasks, so it reads those tasks' rows through
// the task index instead of hashing the whole broadcast once per batch; the table's free space per page (fillfactor,
// migration 0028) lets each row's new version stay on its page, so no index is written.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { recordFacts } from '../../platform/events';

/** One entry per recipient WeCom reported: its task, target (external_userid or chat_id), status and send time. */
export type ResultBatch = { tasks: number[]; targets: string[]; statuses: number[]; times: number[] };

export async function storeResults(
  tx: Tx,
  corpId: string,
  b: { id: string; name: string },
  batch: ResultBatch,
): Promise<number> {
  if (batch.targets.length === 0) return 0;
  const taskNos = [...new Set(batch.tasks)];
  const { rows } = await sql<{ customer_id: string | null; staff_userid: string; variant: string; sent_at: Date }>`
    UPDATE broadcast_recipients r
       SET status = v.status, sent_at = CASE WHEN v.t > 0 THEN to_timestamp(v.t) END
      FROM unnest(${batch.tasks}::int[], ${batch.targets}::text[], ${batch.statuses}::smallint[], ${batch.times}::bigint[]) AS v(task_no, target, status, t)
     WHERE r.corp_id = ${corpId} AND r.broadcast_id = ${b.id} AND r.task_no = ANY(${taskNos}::int[]) AND r.role = 'send'
       AND r.task_no = v.task_no AND r.target = v.target
       AND r.status IS DISTINCT FROM v.status
    RETURNING CASE WHEN v.status = 1 THEN r.customer_id END AS customer_id, r.staff_userid, r.variant, r.sent_at`.execute(tx);
  const reached = rows.filter((r): r is typeof r & { customer_id: string } => r.customer_id !== null);
  await recordFacts(tx, corpId, {
    type: 'broadcast.sent',
    timeline: { type: 'broadcast_sent', source: 'broadcast' },
    facts: reached.map((r) => ({
      customerId: r.customer_id,
      data: { broadcastId: b.id, broadcastName: b.name, staffUserid: r.staff_userid, variant: r.variant },
      occurredAt: r.sent_at,
      properties: { broadcastId: b.id, name: b.name, staffUserid: r.staff_userid, variant: r.variant },
    })),
  });
  return rows.length;
}

export type OpenTask = { task_no: number; staff_userid: string; msgid: string };

/** Tasks WeCom created whose staff member has not sent yet (or whose results were not stored). */
export async function openTasks(tx: Tx, corpId: string, broadcastId: string): Promise<OpenTask[]> {
  const { rows } = await sql<OpenTask>`
    SELECT task_no, staff_userid, msgid FROM broadcast_tasks
     WHERE corp_id = ${corpId} AND broadcast_id = ${broadcastId} AND state = 'created' AND results_at IS NULL
     ORDER BY task_no`.execute(tx);
  return rows;
}

export async function markStaffSent(tx: Tx, corpId: string, broadcastId: string, taskNo: number, sendTime: number): Promise<void> {
  await sql`UPDATE broadcast_tasks SET staff_status = 2, results_at = now(),
      staff_sent_at = CASE WHEN ${sendTime}::bigint > 0 THEN to_timestamp(${sendTime}::bigint) ELSE now() END
     WHERE corp_id = ${corpId} AND broadcast_id = ${broadcastId} AND task_no = ${taskNo}`.execute(tx);
}

export async function markPolled(tx: Tx, corpId: string, broadcastId: string): Promise<void> {
  await sql`UPDATE broadcasts SET polled_at = now() WHERE corp_id = ${corpId} AND id = ${broadcastId}`.execute(tx);
}

/** Tasks that may still change: not yet created, or created and not final. */
export async function unfinishedTasks(tx: Tx, corpId: string, broadcastId: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM broadcast_tasks WHERE corp_id = ${corpId} AND broadcast_id = ${broadcastId}
       AND (state IN ('planned', 'claimed') OR (state = 'created' AND results_at IS NULL))`.execute(tx);
  return Number(rows[0].n);
}
