// SQL of the group SOP engine: finding due pushes (locked, SKIP LOCKED, so two servers never take the same one),
// recording one run per (occurrence, group) set-based under its idempotency key, claiming an owner's batch before
// WeCom is called, storing WeCom's answers and results, and the cross-corp "who has work" read.
import type { GroupSopAction, GroupSopContent, GroupSopSchedule } from '@siyu/contracts';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Tx } from '../../db/tenancy';
import { selectionMatches } from './group-sop.repo';

/** Corps with a push due, runs to send, a stale claim or results to pull (security definer: crosses corps). */
export async function dueCorps(db: Kysely<DB>, at: Date, pollBefore: Date, staleBefore: Date): Promise<string[]> {
  const { rows } = await sql<{ corp_id: string }>`SELECT corp_id FROM siyu_group_sop_due_corps(${at}, ${pollBefore}, ${staleBefore})`.execute(db);
  return rows.map((r) => r.corp_id);
}

export type DuePush = { plan_id: string; id: string; schedule: GroupSopSchedule; next_at: Date };

/** Pushes of active plans due at `at`, locked until the transaction ends; another server skips them. */
export async function lockDuePushes(tx: Tx, corpId: string, at: Date, limit = 200): Promise<DuePush[]> {
  const { rows } = await sql<DuePush>`
    SELECT p.plan_id, p.id, p.schedule, p.next_at FROM group_sop_pushes p
      JOIN group_sop_plans g ON g.corp_id = p.corp_id AND g.id = p.plan_id AND g.status = 'active'
     WHERE p.corp_id = ${corpId} AND p.removed_at IS NULL AND p.next_at <= ${at}
     ORDER BY p.next_at LIMIT ${limit} FOR UPDATE OF p SKIP LOCKED`.execute(tx);
  return rows;
}

/**
 * One run per (due occurrence, chosen group), set-based; ON CONFLICT DO NOTHING on the key (plan, push, occurrence,
 * chat id) makes a repeat a no-op. Occurrences too late to send are recorded as missed, groups without an owner as
 * failed. Returns the number of groups each push reached (0 = the selection matched nothing).
 */
export async function recordOccurrences(
  tx: Tx,
  corpId: string,
  due: Array<{ planId: string; pushId: string; at: Date; missed: boolean }>,
): Promise<Map<string, number>> {
  if (due.length === 0) return new Map();
  const { rows } = await sql<{ push_id: string; n: string }>`
    WITH d AS (
      SELECT * FROM unnest(${due.map((d) => d.planId)}::uuid[], ${due.map((d) => d.pushId)}::uuid[],
                           ${due.map((d) => d.at.toISOString())}::timestamptz[], ${due.map((d) => d.missed)}::boolean[])
             AS d(plan_id, push_id, at, missed)),
    ins AS (
      INSERT INTO group_sop_runs (corp_id, plan_id, push_id, occurrence_at, chat_id, owner_userid, action, state, error)
      SELECT ${corpId}, d.plan_id, d.push_id, d.at, g.chat_id, g.owner_userid, p.action,
             CASE WHEN d.missed THEN 'missed' WHEN g.owner_userid IS NULL THEN 'failed' ELSE 'pending' END,
             CASE WHEN d.missed THEN 'the server was not running at the time' WHEN g.owner_userid IS NULL THEN 'the group has no owner' END
        FROM d
        JOIN group_sop_plans pl ON pl.corp_id = ${corpId} AND pl.id = d.plan_id
        JOIN group_sop_pushes p ON p.corp_id = ${corpId} AND p.plan_id = d.plan_id AND p.id = d.push_id
        JOIN groups g ON g.corp_id = ${corpId} AND ${selectionMatches('g', 'pl.selection')}
      ON CONFLICT DO NOTHING
      RETURNING push_id)
    SELECT d.push_id, (SELECT count(*) FROM ins WHERE ins.push_id = d.push_id) AS n FROM d`.execute(tx);
  return new Map(rows.map((r) => [r.push_id, Number(r.n)]));
}

export async function advancePushes(tx: Tx, corpId: string, next: Array<{ pushId: string; nextAt: Date | null }>): Promise<void> {
  if (next.length === 0) return;
  await sql`
    UPDATE group_sop_pushes p SET next_at = v.next_at
      FROM unnest(${next.map((n) => n.pushId)}::uuid[], ${next.map((n) => n.nextAt?.toISOString() ?? null)}::timestamptz[]) AS v(id, next_at)
     WHERE p.corp_id = ${corpId} AND p.id = v.id`.execute(tx);
}

export type ClaimedBatch = {
  batchId: string;
  planId: string;
  pushId: string;
  occurrenceAt: Date;
  ownerUserid: string;
  action: GroupSopAction;
  chatIds: string[];
};

/**
 * Claims the next owner's batch of pending runs of one occurrence (at most 2,000 groups: add_msg_template's
 * chat_id_list limit) and commits it as 'claimed' before WeCom is asked, so no other run asks again.
 */
export async function claimBatch(tx: Tx, corpId: string, at: Date): Promise<ClaimedBatch | undefined> {
  const { rows } = await sql<{ batch_id: string; plan_id: string; push_id: string; occurrence_at: Date; owner_userid: string; action: GroupSopAction; chat_id: string }>`
    WITH t AS (
      SELECT plan_id, push_id, occurrence_at, owner_userid FROM group_sop_runs
       WHERE corp_id = ${corpId} AND state = 'pending' ORDER BY occurrence_at, owner_userid LIMIT 1 FOR UPDATE SKIP LOCKED),
    c AS (
      SELECT r.chat_id FROM group_sop_runs r JOIN t ON r.plan_id = t.plan_id AND r.push_id = t.push_id
         AND r.occurrence_at = t.occurrence_at AND r.owner_userid = t.owner_userid
       WHERE r.corp_id = ${corpId} AND r.state = 'pending' ORDER BY r.chat_id LIMIT 2000 FOR UPDATE OF r SKIP LOCKED),
    b AS (SELECT gen_random_uuid() AS id)
    UPDATE group_sop_runs r SET state = 'claimed', claimed_at = ${at}, batch_id = b.id
      FROM t, c, b
     WHERE r.corp_id = ${corpId} AND r.plan_id = t.plan_id AND r.push_id = t.push_id AND r.occurrence_at = t.occurrence_at
       AND r.chat_id = c.chat_id AND r.state = 'pending'
    RETURNING r.batch_id, r.plan_id, r.push_id, r.occurrence_at, r.owner_userid, r.action, r.chat_id`.execute(tx);
  if (rows.length === 0) return undefined;
  const r = rows[0];
  return {
    batchId: r.batch_id,
    planId: r.plan_id,
    pushId: r.push_id,
    occurrenceAt: r.occurrence_at,
    ownerUserid: r.owner_userid,
    action: r.action,
    chatIds: rows.map((x) => x.chat_id).sort(),
  };
}

export type BatchContext = { planName: string; content: GroupSopContent; groupNames: string[] };

export async function batchContext(tx: Tx, corpId: string, b: ClaimedBatch): Promise<BatchContext> {
  const { rows } = await sql<{ name: string; content: GroupSopContent }>`
    SELECT pl.name, p.content FROM group_sop_pushes p JOIN group_sop_plans pl ON pl.corp_id = p.corp_id AND pl.id = p.plan_id
     WHERE p.corp_id = ${corpId} AND p.plan_id = ${b.planId} AND p.id = ${b.pushId}`.execute(tx);
  const names = await sql<{ name: string }>`
    SELECT coalesce(nullif(name, ''), chat_id) AS name FROM groups WHERE corp_id = ${corpId} AND chat_id = ANY(${b.chatIds}::text[]) ORDER BY name`.execute(tx);
  return { planName: rows[0]?.name ?? '', content: rows[0]?.content ?? { text: '' }, groupNames: names.rows.map((n) => n.name) };
}

/** WeCom created the owner's task: its msgid; groups in fail_list refused. */
export async function markCreated(tx: Tx, corpId: string, batchId: string, msgid: string, refused: string[]): Promise<void> {
  await sql`UPDATE group_sop_runs SET state = CASE WHEN chat_id = ANY(${refused}::text[]) THEN 'refused' ELSE 'created' END,
      msgid = ${msgid}, error = CASE WHEN chat_id = ANY(${refused}::text[]) THEN 'WeCom refused this group (fail_list)' END
     WHERE corp_id = ${corpId} AND batch_id = ${batchId} AND state = 'claimed'`.execute(tx);
}

export async function markReminded(tx: Tx, corpId: string, batchId: string, msgid: string | null, at: Date): Promise<void> {
  await sql`UPDATE group_sop_runs SET state = 'reminded', msgid = ${msgid}, sent_at = ${at}, error = NULL
     WHERE corp_id = ${corpId} AND batch_id = ${batchId} AND state = 'claimed'`.execute(tx);
}

export async function markFailed(tx: Tx, corpId: string, batchId: string, error: string): Promise<void> {
  await sql`UPDATE group_sop_runs SET state = 'failed', error = ${error.slice(0, 300)}
     WHERE corp_id = ${corpId} AND batch_id = ${batchId} AND state = 'claimed'`.execute(tx);
}

/** WeCom certainly did not act (busy, rate limited): pending again, the reason kept. */
export async function release(tx: Tx, corpId: string, batchId: string, error: string): Promise<void> {
  await sql`UPDATE group_sop_runs SET state = 'pending', claimed_at = NULL, batch_id = NULL, error = ${error.slice(0, 300)}
     WHERE corp_id = ${corpId} AND batch_id = ${batchId} AND state = 'claimed'`.execute(tx);
}

export type StaleBatch = { batch_id: string; plan_id: string; push_id: string; owner_userid: string; action: GroupSopAction; claimed_at: Date; text: string };

/** Batches claimed before `staleBefore` and never answered: the run that claimed them died while WeCom was asked. */
export async function staleBatches(tx: Tx, corpId: string, staleBefore: Date): Promise<StaleBatch[]> {
  const { rows } = await sql<StaleBatch>`
    SELECT DISTINCT r.batch_id, r.plan_id, r.push_id, r.owner_userid, r.action, r.claimed_at, coalesce(p.content->>'text', '') AS text
      FROM group_sop_runs r JOIN group_sop_pushes p ON p.corp_id = r.corp_id AND p.plan_id = r.plan_id AND p.id = r.push_id
     WHERE r.corp_id = ${corpId} AND r.state = 'claimed' AND r.claimed_at <= ${staleBefore} LIMIT 100`.execute(tx);
  return rows;
}

/** Which of these msgids a run already holds. */
export async function knownMsgids(tx: Tx, corpId: string, msgids: string[]): Promise<Set<string>> {
  if (msgids.length === 0) return new Set();
  const { rows } = await sql<{ msgid: string }>`
    SELECT DISTINCT msgid FROM group_sop_runs WHERE corp_id = ${corpId} AND msgid = ANY(${msgids}::text[])`.execute(tx);
  return new Set(rows.map((r) => r.msgid));
}

export async function setPlanError(tx: Tx, corpId: string, planId: string, error: string | null, at: Date): Promise<void> {
  await sql`UPDATE group_sop_plans SET last_error = ${error?.slice(0, 300) ?? null}, last_error_at = ${error ? at : null}
     WHERE corp_id = ${corpId} AND id = ${planId}`.execute(tx);
}

export type OpenTask = { msgid: string; owner_userid: string };

/** Created owner tasks whose results are due to be pulled (not older than 14 days: WeCom drops unsent tasks). */
export async function openTasks(tx: Tx, corpId: string, at: Date, pollBefore: Date): Promise<OpenTask[]> {
  const { rows } = await sql<OpenTask>`
    SELECT DISTINCT msgid, owner_userid FROM group_sop_runs
     WHERE corp_id = ${corpId} AND state = 'created' AND msgid IS NOT NULL
       AND (polled_at IS NULL OR polled_at <= ${pollBefore}) AND occurrence_at > ${at}::timestamptz - interval '14 days'
     LIMIT 200`.execute(tx);
  return rows;
}

/** WeCom's per-group statuses (1 sent, 2 not delivered, 3 received another); 0 stays created. */
export async function storeResults(tx: Tx, corpId: string, msgid: string, at: Date, results: Array<{ chatId: string; status: number; sendTime: number }>): Promise<void> {
  if (results.length > 0) {
    await sql`
      UPDATE group_sop_runs r SET
          state = CASE v.status WHEN 1 THEN 'sent' WHEN 2 THEN 'not_delivered' WHEN 3 THEN 'received_other' ELSE r.state END,
          sent_at = CASE WHEN v.status = 1 AND v.t > 0 THEN to_timestamp(v.t) WHEN v.status = 1 THEN ${at}::timestamptz ELSE r.sent_at END
        FROM unnest(${results.map((r) => r.chatId)}::text[], ${results.map((r) => r.status)}::smallint[], ${results.map((r) => r.sendTime)}::bigint[]) AS v(chat_id, status, t)
       WHERE r.corp_id = ${corpId} AND r.msgid = ${msgid} AND r.chat_id = v.chat_id AND r.state = 'created'`.execute(tx);
  }
  await sql`UPDATE group_sop_runs SET polled_at = ${at} WHERE corp_id = ${corpId} AND msgid = ${msgid} AND state = 'created'`.execute(tx);
}
