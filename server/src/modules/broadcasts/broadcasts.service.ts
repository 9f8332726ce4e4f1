// Decisions about broadcasts: who may see which (a staff member: broadcasts and tasks of their own), the views the
// console reads, reminders to staff who have not sent, cancelling, resuming after WeCom granted the API again.
import type {
  BroadcastDetail,
  BroadcastList,
  BroadcastOutcome,
  BroadcastRecipientPage,
  BroadcastSettings,
  BroadcastSummary,
  CapPeriod,
  CreateBroadcast,
  ExclusionCounts,
  OptOut,
  PreviewBroadcast,
  RecipientQuery,
  RecipientStatus,
} from '@siyu/contracts';
import { isWecomError, WecomErrcode } from '@siyu/wecom';
import { sql } from 'kysely';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { ownScope } from '../../platform/policy/visible-scope';
import { wecomCall } from '../../platform/wecom-call';
import type { WecomConnections } from '../wecom';
import { preferHashJoins } from './audience-sql';
import { broadcastOutcome } from './broadcast-outcome';
import * as repo from './broadcasts.repo';
import { capWindow } from './cap-period';
import { planBroadcast } from './plan-broadcast';
import { previewBroadcast } from './preview-broadcast';
import { SEND_QUEUE, type SendJob } from './send-broadcast.job';

const STATUS_NAMES: Record<number, RecipientStatus> = { 0: 'unsent', 1: 'sent', 2: 'not_friend', 3: 'received_other', [-1]: 'refused' };
const STATUS_CODES: Record<RecipientStatus, number | null> = { planned: null, unsent: 0, sent: 1, not_friend: 2, received_other: 3, refused: -1 };

export type BroadcastsDeps = { ctx: AppContext; connections: WecomConnections; pollNow(corpId: string, broadcastId: string): Promise<void> };

export function createBroadcastsService(deps: BroadcastsDeps) {
  const { ctx, connections } = deps;
  const call = <T>(fn: () => Promise<T>) => wecomCall({ rejected: 'broadcast_rejected', errcodes: { [WecomErrcode.MASS_MESSAGE_DISPATCHING]: 'broadcast_dispatching' } }, fn);

  function summary(b: repo.BroadcastRow, p: repo.Progress | undefined): BroadcastSummary {
    const sent = p?.sent ?? 0;
    return {
      id: b.id,
      kind: b.kind,
      name: b.name,
      status: b.status,
      sendAt: b.send_at.toISOString(),
      createdAt: b.created_at.toISOString(),
      planned: b.planned_count,
      holdout: b.holdout_count,
      sent,
      tasks: b.task_count,
      tasksCreated: p?.tasksCreated ?? 0,
      staffSent: p?.staffSent ?? 0,
      reachRate: b.planned_count ? sent / b.planned_count : 0,
      error: b.error,
    };
  }

  async function load(auth: AuthContext, id: string) {
    const b = await withCorp(ctx.db, auth.corpId, (tx) => repo.broadcast(tx, auth.corpId, id));
    if (!b) throw new DomainError('not_found');
    return b;
  }

  return {
    preview: (auth: AuthContext, body: PreviewBroadcast) => previewBroadcast(ctx, auth.corpId, body),
    create: (auth: AuthContext, body: CreateBroadcast) => planBroadcast(ctx, auth, body),

    async list(auth: AuthContext): Promise<BroadcastList> {
      const own = ownScope(auth);
      return withCorp(ctx.db, auth.corpId, async (tx) => {
        const rows = await repo.list(tx, auth.corpId, own);
        const progress = await repo.progress(tx, auth.corpId, rows.map((r) => r.id), own);
        const s = await repo.settings(tx, auth.corpId);
        return {
          items: rows.map((r) => summary(r, progress.get(r.id))),
          unavailable: s.unavailable_errcode !== null ? { errcode: s.unavailable_errcode, message: s.unavailable_message ?? '', at: (s.unavailable_at ?? new Date()).toISOString() } : null,
        };
      });
    },

    async detail(auth: AuthContext, id: string): Promise<BroadcastDetail> {
      const own = ownScope(auth);
      return withCorp(ctx.db, auth.corpId, async (tx) => {
        const b = await repo.broadcast(tx, auth.corpId, id);
        if (!b) throw new DomainError('not_found');
        const tasks = await repo.tasks(tx, auth.corpId, id, own);
        if (own && tasks.length === 0) throw new DomainError('not_found');
        const progress = await repo.progress(tx, auth.corpId, [id], own);
        const ex = b.exclusions as Partial<ExclusionCounts>;
        return {
          broadcast: summary(b, progress.get(id)),
          audience: b.audience,
          variants: b.variants,
          holdoutPercent: Number(b.holdout_percent),
          attributionDays: b.attribution_days,
          excluded: { not_friend: ex.not_friend ?? 0, cap: ex.cap ?? 0, opted_out: ex.opted_out ?? 0, excluded: ex.excluded ?? 0, duplicate: ex.duplicate ?? 0 },
          tasks: tasks.map((t) => ({
            taskNo: t.task_no,
            staffUserid: t.staff_userid,
            staffName: t.staff_name ?? t.staff_userid,
            variant: t.variant,
            recipients: t.recipient_count,
            state: t.state,
            created: t.msgid !== null,
            staffSent: t.staff_status === 2,
            staffSentAt: t.staff_sent_at?.toISOString() ?? null,
            sent: Number(t.sent),
            unsent: Number(t.unsent),
            notFriend: Number(t.not_friend),
            receivedOther: Number(t.received_other),
            refused: Number(t.refused),
            remindCount: t.remind_count,
            error: t.error,
          })),
        };
      });
    },

    async recipients(auth: AuthContext, id: string, q: RecipientQuery): Promise<BroadcastRecipientPage> {
      const own = ownScope(auth);
      const size = q.pageSize ?? 50;
      const offset = ((q.page ?? 1) - 1) * size;
      return withCorp(ctx.db, auth.corpId, async (tx) => {
        if (!(await repo.broadcast(tx, auth.corpId, id))) throw new DomainError('not_found');
        const code = q.status ? STATUS_CODES[q.status] : undefined;
        const where = sql`r.corp_id = ${auth.corpId} AND r.broadcast_id = ${id}
          ${q.role ? sql`AND r.role = ${q.role}` : sql``}
          ${q.status ? (code === null ? sql`AND r.role = 'send' AND r.status IS NULL` : sql`AND r.status = ${code}`) : sql``}
          ${own ? sql`AND r.staff_userid = ${own}` : sql``}`;
        const { rows } = await sql<{ target: string; customer_id: string | null; name: string | null; staff_name: string | null; staff_userid: string | null; variant: string | null; role: 'send' | 'holdout' | 'excluded'; reason: string | null; status: number | null; sent_at: Date | null; total: string }>`
          SELECT r.target, r.customer_id, coalesce(c.name, g.name) AS name, s.name AS staff_name, r.staff_userid, r.variant, r.role, r.reason,
                 r.status, r.sent_at, count(*) OVER () AS total
            FROM broadcast_recipients r
            LEFT JOIN customers c ON c.corp_id = r.corp_id AND c.id = r.customer_id
            LEFT JOIN groups g ON r.customer_id IS NULL AND g.corp_id = r.corp_id AND g.chat_id = r.target
            LEFT JOIN staff s ON s.corp_id = r.corp_id AND s.userid = r.staff_userid
           WHERE ${where} ORDER BY r.role, r.target LIMIT ${size} OFFSET ${offset}`.execute(tx);
        return {
          total: rows.length ? Number(rows[0].total) : 0,
          items: rows.map((r) => ({
            target: r.target,
            name: r.name || r.target,
            customerId: r.customer_id,
            staffName: r.staff_name ?? r.staff_userid,
            variant: r.variant,
            role: r.role,
            reason: r.reason,
            status: r.role !== 'send' ? null : r.status === null ? 'planned' : (STATUS_NAMES[r.status] ?? 'unsent'),
            sentAt: r.sent_at?.toISOString() ?? null,
          })),
        };
      });
    },

    async outcome(auth: AuthContext, id: string): Promise<BroadcastOutcome> {
      const b = await load(auth, id);
      return withCorp(ctx.db, auth.corpId, async (tx) => {
        await preferHashJoins(tx);
        return broadcastOutcome(tx, auth.corpId, b);
      });
    },

    /** remind_groupmsg_send for every created task whose staff member has not sent, and one app message to them. */
    async remind(auth: AuthContext, id: string): Promise<{ reminded: number; appMessage: boolean }> {
      const b = await load(auth, id);
      if (b.status !== 'sent' && b.status !== 'sending') throw new DomainError('broadcast_not_active');
      const tasks = await withCorp(ctx.db, auth.corpId, (tx) => repo.tasks(tx, auth.corpId, id, null));
      const waiting = tasks.filter((t) => t.msgid && t.staff_status !== 2 && t.state === 'created');
      const client = await connections.contactClient(auth.corpId);
      for (const t of waiting) await call(() => client.remindGroupMsgSend(t.msgid!));
      await withCorp(ctx.db, auth.corpId, (tx) =>
        sql`UPDATE broadcast_tasks SET remind_count = remind_count + 1, reminded_at = now()
             WHERE corp_id = ${auth.corpId} AND broadcast_id = ${id} AND task_no = ANY(${waiting.map((t) => t.task_no)}::int[])`.execute(tx),
      );
      const appMessage = await notifyStaff(auth.corpId, [...new Set(waiting.map((t) => t.staff_userid))], `群发「${b.name}」等待你在企业微信中确认发送 / The mass message "${b.name}" is waiting for you to send it in WeCom`);
      return { reminded: waiting.length, appMessage };
    },

    /** cancel_groupmsg_send for every created task not yet sent; tasks not created yet are dropped. */
    async cancel(auth: AuthContext, id: string): Promise<{ cancelled: number }> {
      const b = await load(auth, id);
      if (!['scheduled', 'sending', 'sent', 'failed'].includes(b.status)) throw new DomainError('broadcast_not_active');
      await withCorp(ctx.db, auth.corpId, (tx) => repo.setStatus(tx, auth.corpId, id, 'cancelled'));
      const tasks = await withCorp(ctx.db, auth.corpId, (tx) => repo.tasks(tx, auth.corpId, id, null));
      const open = tasks.filter((t) => t.msgid && t.staff_status !== 2 && t.state === 'created');
      if (open.length > 0) {
        const client = await connections.contactClient(auth.corpId);
        for (const t of open) await call(() => client.cancelGroupMsgSend(t.msgid!));
      }
      await withCorp(ctx.db, auth.corpId, (tx) =>
        sql`UPDATE broadcast_tasks SET state = 'cancelled'
             WHERE corp_id = ${auth.corpId} AND broadcast_id = ${id} AND (state IN ('planned', 'claimed') OR (state = 'created' AND staff_status <> 2))`.execute(tx),
      );
      return { cancelled: open.length };
    },

    /** After a 48009: the operator granted the API in WeCom; clear the banner and send what was not created. */
    async resume(auth: AuthContext, id: string): Promise<{ resumed: boolean }> {
      const b = await load(auth, id);
      await withCorp(ctx.db, auth.corpId, async (tx) => {
        await repo.setUnavailable(tx, auth.corpId, null);
        if (b.status === 'failed') await repo.setStatus(tx, auth.corpId, id, 'sending');
      });
      if (b.status !== 'failed' && b.status !== 'sending') return { resumed: false };
      await ctx.queue.send<SendJob>(SEND_QUEUE, { corpId: auth.corpId, broadcastId: id }, { singletonKey: `broadcast-resume:${id}`, singletonSeconds: 10 });
      return { resumed: true };
    },

    async refresh(auth: AuthContext, id: string): Promise<{ queued: boolean }> {
      const b = await load(auth, id);
      if (b.status !== 'sent' && b.status !== 'cancelled') return { queued: false };
      await deps.pollNow(auth.corpId, id);
      return { queued: true };
    },

    async settings(auth: AuthContext): Promise<BroadcastSettings> {
      const s = await withCorp(ctx.db, auth.corpId, (tx) => repo.settings(tx, auth.corpId));
      return { capPeriod: s.cap_period, capLimit: capWindow(s.cap_period, new Date()).limit };
    },

    async saveSettings(auth: AuthContext, capPeriod: CapPeriod): Promise<BroadcastSettings> {
      await withCorp(ctx.db, auth.corpId, (tx) => repo.saveCapPeriod(tx, auth.corpId, capPeriod));
      return { capPeriod, capLimit: capWindow(capPeriod, new Date()).limit };
    },

    async optOut(auth: AuthContext, body: OptOut): Promise<{ changed: number }> {
      return withCorp(ctx.db, auth.corpId, async (tx) => {
        const res = body.optedOut
          ? await sql`INSERT INTO broadcast_opt_outs (corp_id, customer_id)
                SELECT ${auth.corpId}, c.id FROM customers c WHERE c.corp_id = ${auth.corpId} AND c.id = ANY(${body.customerIds}::uuid[])
                ON CONFLICT DO NOTHING`.execute(tx)
          : await sql`DELETE FROM broadcast_opt_outs WHERE corp_id = ${auth.corpId} AND customer_id = ANY(${body.customerIds}::uuid[])`.execute(tx);
        return { changed: Number(res.numAffectedRows ?? 0) };
      });
    },
  };

  /** A WeCom app message to the staff members (the corp's self-built app); false when none is configured. */
  async function notifyStaff(corpId: string, userids: string[], text: string): Promise<boolean> {
    if (userids.length === 0) return false;
    const conn = await connections.connection(corpId);
    if (!conn?.agentId || !conn.appSecret) return false;
    const client = connections.clientFor(corpId, conn, conn.appSecret);
    try {
      await client.sendAppMessage({ touser: userids.join('|'), msgtype: 'text', agentid: Number(conn.agentId), text: { content: text.slice(0, 600) } });
      return true;
    } catch (err) {
      ctx.logger.warn({ corpId, errcode: isWecomError(err) ? err.errcode : null }, 'broadcast reminder app message failed');
      return false;
    }
  }
}

export type BroadcastsService = ReturnType<typeof createBroadcastsService>;
