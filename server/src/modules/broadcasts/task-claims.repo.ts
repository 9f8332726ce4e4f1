// SQL of the send job's claims on tasks: a task is claimed (committed) before WeCom is asked to create it, gets its
// msgid in the transaction that stores WeCom's answer, and is never created again once it has one.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type ClaimedTask = { task_no: number; staff_userid: string; variant: string; claimed_at: Date | null; state: 'planned' | 'claimed' };

/** The next task without a msgid: one left claimed by a run that died (to reconcile) first, then a planned one. */
export async function claimNext(tx: Tx, corpId: string, broadcastId: string): Promise<ClaimedTask | undefined> {
  const { rows } = await sql<ClaimedTask>`
    WITH next AS (
      SELECT task_no, state AS was FROM broadcast_tasks
       WHERE corp_id = ${corpId} AND broadcast_id = ${broadcastId} AND msgid IS NULL AND state IN ('planned', 'claimed')
       ORDER BY (state = 'claimed') DESC, task_no LIMIT 1 FOR UPDATE SKIP LOCKED)
    UPDATE broadcast_tasks bt SET state = 'claimed', claimed_at = CASE WHEN next.was = 'planned' THEN now() ELSE bt.claimed_at END
      FROM next WHERE bt.corp_id = ${corpId} AND bt.broadcast_id = ${broadcastId} AND bt.task_no = next.task_no
    RETURNING bt.task_no, bt.staff_userid, bt.variant, bt.claimed_at, next.was AS state`.execute(tx);
  return rows[0];
}

export async function targets(tx: Tx, corpId: string, broadcastId: string, taskNo: number): Promise<string[]> {
  const { rows } = await sql<{ target: string }>`
    SELECT target FROM broadcast_recipients
     WHERE corp_id = ${corpId} AND broadcast_id = ${broadcastId} AND task_no = ${taskNo} AND role = 'send' ORDER BY target`.execute(tx);
  return rows.map((r) => r.target);
}

export async function knownMsgids(tx: Tx, corpId: string, msgids: string[]): Promise<Set<string>> {
  if (msgids.length === 0) return new Set();
  const { rows } = await sql<{ msgid: string }>`
    SELECT msgid FROM broadcast_tasks WHERE corp_id = ${corpId} AND msgid = ANY(${msgids}::text[])`.execute(tx);
  return new Set(rows.map((r) => r.msgid));
}

/** WeCom created the task: its msgid, and its recipients unsent (0) except those WeCom refused (fail_list → -1). */
export async function markCreated(tx: Tx, corpId: string, broadcastId: string, taskNo: number, msgid: string, refused: string[]): Promise<void> {
  await sql`UPDATE broadcast_tasks SET state = 'created', msgid = ${msgid}, refused_count = ${refused.length}, error = NULL
     WHERE corp_id = ${corpId} AND broadcast_id = ${broadcastId} AND task_no = ${taskNo}`.execute(tx);
  await sql`UPDATE broadcast_recipients SET status = CASE WHEN target = ANY(${refused}::text[]) THEN -1 ELSE 0 END
     WHERE corp_id = ${corpId} AND broadcast_id = ${broadcastId} AND task_no = ${taskNo} AND role = 'send'`.execute(tx);
}

/** WeCom refused the task for good (an unknown sender, …): no msgid, the reason kept. */
export async function markFailed(tx: Tx, corpId: string, broadcastId: string, taskNo: number, error: string): Promise<void> {
  await sql`UPDATE broadcast_tasks SET state = 'failed', error = ${error}
     WHERE corp_id = ${corpId} AND broadcast_id = ${broadcastId} AND task_no = ${taskNo}`.execute(tx);
}

/** WeCom certainly did not create the task (busy, rate limit, forbidden): planned again. */
export async function release(tx: Tx, corpId: string, broadcastId: string, taskNo: number, error: string): Promise<void> {
  await sql`UPDATE broadcast_tasks SET state = 'planned', claimed_at = NULL, error = ${error}
     WHERE corp_id = ${corpId} AND broadcast_id = ${broadcastId} AND task_no = ${taskNo} AND msgid IS NULL`.execute(tx);
}
