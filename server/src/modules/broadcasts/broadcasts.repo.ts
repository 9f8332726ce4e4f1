// SQL for the broadcasts module's own tables; returns plain objects.
import type { CapPeriod, ExclusionCounts } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import type { BroadcastTables } from './broadcast-tables';

const t = (tx: Tx) => tx.withTables<BroadcastTables>();

export type SettingsRow = {
  cap_period: CapPeriod;
  unavailable_errcode: number | null;
  unavailable_message: string | null;
  unavailable_at: Date | null;
};

export async function settings(tx: Tx, corpId: string): Promise<SettingsRow> {
  const row = await t(tx)
    .selectFrom('broadcast_settings')
    .select(['cap_period', 'unavailable_errcode', 'unavailable_message', 'unavailable_at'])
    .where('corp_id', '=', corpId)
    .executeTakeFirst();
  return row ?? { cap_period: 'month', unavailable_errcode: null, unavailable_message: null, unavailable_at: null };
}

export async function saveCapPeriod(tx: Tx, corpId: string, period: CapPeriod): Promise<void> {
  await t(tx)
    .insertInto('broadcast_settings')
    .values({ corp_id: corpId, cap_period: period })
    .onConflict((oc) => oc.column('corp_id').doUpdateSet({ cap_period: period, updated_at: new Date() }))
    .execute();
}

/** 48009: the mass-message API is not granted; null clears it (the operator pressed Resume). */
export async function setUnavailable(tx: Tx, corpId: string, v: { errcode: number; message: string } | null): Promise<void> {
  const values = { unavailable_errcode: v?.errcode ?? null, unavailable_message: v?.message ?? null, unavailable_at: v ? new Date() : null };
  await t(tx)
    .insertInto('broadcast_settings')
    .values({ corp_id: corpId, ...values })
    .onConflict((oc) => oc.column('corp_id').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}

export type NewBroadcast = {
  kind: 'customer' | 'group';
  name: string;
  audience: unknown;
  variants: Array<{ text: string; materialIds?: string[] }>;
  holdoutPercent: number;
  seed: string | null;
  sendAt: Date;
  attributionDays: number;
  createdBy: string | null;
};

export async function insertBroadcast(tx: Tx, corpId: string, b: NewBroadcast): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO broadcasts (corp_id, id, kind, name, audience, variants, holdout_percent, seed, send_at, attribution_days, created_by)
    SELECT ${corpId}, g.id, ${b.kind}, ${b.name}, ${JSON.stringify(b.audience)}::jsonb, ${JSON.stringify(b.variants)}::jsonb,
           ${b.holdoutPercent}, coalesce(${b.seed}, g.id::text), ${b.sendAt.toISOString()}::timestamptz, ${b.attributionDays}, ${b.createdBy}::uuid
      FROM (SELECT gen_random_uuid() AS id) g
    RETURNING id`.execute(tx);
  return rows[0].id;
}

export async function insertTasks(tx: Tx, corpId: string, broadcastId: string): Promise<number> {
  const res = await sql`
    INSERT INTO broadcast_tasks (corp_id, broadcast_id, task_no, staff_userid, variant, recipient_count)
    SELECT corp_id, broadcast_id, task_no, min(staff_userid), min(variant), count(*)
      FROM broadcast_recipients WHERE corp_id = ${corpId} AND broadcast_id = ${broadcastId} AND role = 'send'
     GROUP BY corp_id, broadcast_id, task_no`.execute(tx);
  return Number(res.numAffectedRows ?? 0);
}

export async function setPlanCounts(
  tx: Tx,
  corpId: string,
  id: string,
  c: { planned: number; holdout: number; tasks: number; exclusions: ExclusionCounts },
): Promise<void> {
  await t(tx)
    .updateTable('broadcasts')
    .set({ planned_count: c.planned, holdout_count: c.holdout, task_count: c.tasks, exclusions: JSON.stringify(c.exclusions) })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .execute();
}

export type BroadcastRow = {
  id: string;
  kind: 'customer' | 'group';
  name: string;
  status: 'scheduled' | 'sending' | 'sent' | 'completed' | 'cancelled' | 'failed';
  audience: unknown;
  variants: Array<{ text: string; materialIds?: string[] }>;
  holdout_percent: string;
  seed: string;
  send_at: Date;
  attribution_days: number;
  exclusions: Record<string, number>;
  planned_count: number;
  holdout_count: number;
  task_count: number;
  error: string | null;
  created_at: Date;
  sent_at: Date | null;
  completed_at: Date | null;
};

export async function broadcast(tx: Tx, corpId: string, id: string): Promise<BroadcastRow | undefined> {
  return t(tx)
    .selectFrom('broadcasts')
    .select([
      'id', 'kind', 'name', 'status', 'audience', 'variants', 'holdout_percent', 'seed', 'send_at', 'attribution_days',
      'exclusions', 'planned_count', 'holdout_count', 'task_count', 'error', 'created_at', 'sent_at', 'completed_at',
    ])
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setStatus(tx: Tx, corpId: string, id: string, status: BroadcastRow['status'], error: string | null = null): Promise<void> {
  await sql`UPDATE broadcasts SET status = ${status}, error = ${error},
      sent_at = CASE WHEN ${status} = 'sent' THEN coalesce(sent_at, now()) ELSE sent_at END,
      completed_at = CASE WHEN ${status} IN ('completed', 'cancelled') THEN now() ELSE completed_at END
    WHERE corp_id = ${corpId} AND id = ${id}`.execute(tx);
}

/** Per-broadcast progress: recipients by status and tasks by state, in two grouped scans. */
export type Progress = { sent: number; tasksCreated: number; staffSent: number };

export async function progress(tx: Tx, corpId: string, ids: string[], staffUserid: string | null): Promise<Map<string, Progress>> {
  const out = new Map<string, Progress>(ids.map((id) => [id, { sent: 0, tasksCreated: 0, staffSent: 0 }]));
  if (ids.length === 0) return out;
  const own = staffUserid ? sql`AND staff_userid = ${staffUserid}` : sql``;
  const { rows: tasks } = await sql<{ broadcast_id: string; created: string; staff_sent: string; sent: string }>`
    SELECT t.broadcast_id, count(*) FILTER (WHERE t.msgid IS NOT NULL) AS created, count(*) FILTER (WHERE t.staff_status = 2) AS staff_sent,
           coalesce(sum(t.sent), 0) AS sent
      FROM (SELECT broadcast_id, msgid, staff_status,
                   (SELECT count(*) FROM broadcast_recipients r WHERE r.corp_id = bt.corp_id AND r.broadcast_id = bt.broadcast_id
                      AND r.task_no = bt.task_no AND r.role = 'send' AND r.status = 1) AS sent
              FROM broadcast_tasks bt WHERE corp_id = ${corpId} AND broadcast_id = ANY(${ids}::uuid[]) ${own}) t
     GROUP BY t.broadcast_id`.execute(tx);
  for (const r of tasks) out.set(r.broadcast_id, { sent: Number(r.sent), tasksCreated: Number(r.created), staffSent: Number(r.staff_sent) });
  return out;
}

export async function list(tx: Tx, corpId: string, staffUserid: string | null, limit = 100): Promise<BroadcastRow[]> {
  const own = staffUserid
    ? sql`AND EXISTS (SELECT 1 FROM broadcast_tasks bt WHERE bt.corp_id = b.corp_id AND bt.broadcast_id = b.id AND bt.staff_userid = ${staffUserid})`
    : sql``;
  const { rows } = await sql<BroadcastRow>`
    SELECT id, kind, name, status, audience, variants, holdout_percent, seed, send_at, attribution_days, exclusions,
           planned_count, holdout_count, task_count, error, created_at, sent_at, completed_at
      FROM broadcasts b WHERE corp_id = ${corpId} ${own} ORDER BY created_at DESC LIMIT ${limit}`.execute(tx);
  return rows;
}

export type TaskRow = {
  task_no: number;
  staff_userid: string;
  staff_name: string | null;
  variant: string;
  recipient_count: number;
  state: 'planned' | 'claimed' | 'created' | 'failed' | 'cancelled';
  msgid: string | null;
  staff_status: number;
  staff_sent_at: Date | null;
  remind_count: number;
  error: string | null;
  sent: string;
  unsent: string;
  not_friend: string;
  received_other: string;
  refused: string;
};

export async function tasks(tx: Tx, corpId: string, broadcastId: string, staffUserid: string | null): Promise<TaskRow[]> {
  const own = staffUserid ? sql`AND bt.staff_userid = ${staffUserid}` : sql``;
  const { rows } = await sql<TaskRow>`
    SELECT bt.task_no, bt.staff_userid, s.name AS staff_name, bt.variant, bt.recipient_count, bt.state, bt.msgid, bt.staff_status,
           bt.staff_sent_at, bt.remind_count, bt.error,
           coalesce(r.sent, 0) AS sent, coalesce(r.unsent, 0) AS unsent, coalesce(r.not_friend, 0) AS not_friend,
           coalesce(r.received_other, 0) AS received_other, coalesce(r.refused, 0) AS refused
      FROM broadcast_tasks bt
      LEFT JOIN staff s ON s.corp_id = bt.corp_id AND s.userid = bt.staff_userid
      LEFT JOIN (SELECT task_no, count(*) FILTER (WHERE status = 1) AS sent, count(*) FILTER (WHERE status = 0) AS unsent,
                        count(*) FILTER (WHERE status = 2) AS not_friend, count(*) FILTER (WHERE status = 3) AS received_other,
                        count(*) FILTER (WHERE status = -1) AS refused
                   FROM broadcast_recipients WHERE corp_id = ${corpId} AND broadcast_id = ${broadcastId} AND role = 'send'
                  GROUP BY task_no) r ON r.task_no = bt.task_no
     WHERE bt.corp_id = ${corpId} AND bt.broadcast_id = ${broadcastId} ${own}
     ORDER BY bt.task_no`.execute(tx);
  return rows;
}
