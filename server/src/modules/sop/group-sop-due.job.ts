// The per-corp group SOP job (pg-boss, queued by the ticker for each corp with work): (1) records the runs of every
// due push occurrence set-based and moves each push to its next time, in one transaction with the pushes locked
// (SKIP LOCKED); (2) reconciles claims left by a run that died mid-call; (3) sends the pending runs owner batch by
// owner batch, each claimed and committed before WeCom is called; (4) pulls results of the owners' created tasks
// (get_groupmsg_task, then get_groupmsg_send_result).
import { nextGroupSopOccurrence } from '@siyu/contracts';
import { isWecomError, WecomErrcode } from '@siyu/wecom';
import { withCorp } from '../../db/tenancy';
import * as runs from './group-sop-runs.repo';
import { reconcileStaleClaims } from './group-sop-reconcile';
import { sendBatch, type SendDeps } from './group-sop-send';

export const DUE_QUEUE = 'group-sop.due';
export type DueJob = { corpId: string };

/** An occurrence more than this late (the server was down) is recorded as missed, not sent. */
export const LATE_MS = 60 * 60_000;

export type DueDeps = SendDeps & { pollSeconds: number };

export async function runDue(deps: DueDeps, job: DueJob): Promise<void> {
  const { ctx } = deps;
  const { corpId } = job;
  await recordDue(deps, corpId);
  await reconcileStaleClaims(deps, corpId);
  for (;;) {
    const batch = await withCorp(ctx.db, corpId, (tx) => runs.claimBatch(tx, corpId, deps.now()));
    if (!batch) break;
    if ((await sendBatch(deps, corpId, batch)) === 'retry') break;
  }
  await pullResults(deps, corpId);
}

async function recordDue(deps: DueDeps, corpId: string): Promise<void> {
  const now = deps.now();
  for (;;) {
    const more = await withCorp(deps.ctx.db, corpId, async (tx) => {
      const due = await runs.lockDuePushes(tx, corpId, now);
      if (due.length === 0) return false;
      const reached = await runs.recordOccurrences(
        tx,
        corpId,
        due.map((d) => ({ planId: d.plan_id, pushId: d.id, at: d.next_at, missed: now.getTime() - d.next_at.getTime() > LATE_MS })),
      );
      await runs.advancePushes(
        tx,
        corpId,
        due.map((d) => ({ pushId: d.id, nextAt: nextGroupSopOccurrence(d.schedule, new Date(Math.max(d.next_at.getTime(), now.getTime()))) })),
      );
      for (const d of due) if ((reached.get(d.id) ?? 0) === 0) await runs.setPlanError(tx, corpId, d.plan_id, 'no group matched the selection at the push time', now);
      return true;
    });
    if (!more) return;
  }
}

async function pullResults(deps: DueDeps, corpId: string): Promise<void> {
  const { ctx } = deps;
  const now = deps.now();
  const open = await withCorp(ctx.db, corpId, (tx) => runs.openTasks(tx, corpId, now, new Date(now.getTime() - deps.pollSeconds * 1000)));
  if (open.length === 0) return;
  const client = await deps.connections.contactClient(corpId);
  for (const t of open) {
    try {
      let sent = false;
      for await (const task of client.iterateGroupMsgTask({ msgid: t.msgid, limit: 1000 })) if (task.userid === t.owner_userid && task.status === 2) sent = true;
      const results: Array<{ chatId: string; status: number; sendTime: number }> = [];
      if (sent) {
        for await (const r of client.iterateGroupMsgSendResult({ msgid: t.msgid, userid: t.owner_userid, limit: 1000 })) {
          if (r.chat_id) results.push({ chatId: r.chat_id, status: r.status, sendTime: r.send_time ?? 0 });
        }
      }
      await withCorp(ctx.db, corpId, (tx) => runs.storeResults(tx, corpId, t.msgid, now, results));
    } catch (err) {
      if (!isWecomError(err)) throw err;
      // Results wait for the next round; a refusal of the API is logged (the runs stay 'created').
      const level = err.errcode === WecomErrcode.API_FORBIDDEN || err.errcode === WecomErrcode.NO_API_PERMISSION ? 'warn' : 'info';
      ctx.logger[level]({ corpId, errcode: err.errcode }, 'group SOP results not pulled');
      return;
    }
  }
}
