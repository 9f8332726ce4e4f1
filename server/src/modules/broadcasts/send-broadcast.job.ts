// The durable send job (pg-boss, one per broadcast, its id the broadcast's id, started at send_at): one
// add_msg_template per task. A task is claimed and committed before WeCom is called and gets its msgid in the
// transaction that stores WeCom's answer; a task with a msgid is never created again. A claim left by a run that
// died mid-call is reconciled with get_groupmsg_list_v2 (the sender's messages since the claim with the same text)
// before it is created again. -1 / 45009 release the task and fail the job, so pg-boss retries it with backoff and
// the next run resumes after the tasks already created; 48009 / 48002 mark mass messages unavailable (the console's
// banner) and stop, the tasks that exist kept and listed.
import { isWecomError, WecomErrcode, type WecomClient, type WecomError } from '@siyu/wecom';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { WecomConnections } from '../wecom';
import { DomainError } from '../../http/errors';
import { wecomContent, type WecomContent } from './broadcast-content';
import * as repo from './broadcasts.repo';
import * as claims from './task-claims.repo';

export const SEND_QUEUE = 'broadcasts.send';
export type SendJob = { corpId: string; broadcastId: string };

export type SendDeps = {
  ctx: AppContext;
  connections: WecomConnections;
  /** Queues the first results poll once every task exists. */
  schedulePoll(corpId: string, broadcastId: string, delaySeconds: number): Promise<void>;
};

const isPermission = (e: WecomError) => e.errcode === WecomErrcode.API_FORBIDDEN || e.errcode === WecomErrcode.NO_API_PERMISSION;
/** WeCom answered that it did not do it: safe to ask again later. */
const isRetryable = (e: WecomError) =>
  !e.httpStatus && !e.cause && (e.errcode === WecomErrcode.SYSTEM_BUSY || e.errcode === WecomErrcode.FREQUENCY_LIMIT || e.errcode === WecomErrcode.CONCURRENCY_LIMIT);
/** The call may or may not have reached WeCom (no answer): the claim stays, to be reconciled. */
const isUnknownOutcome = (e: WecomError) => !!e.httpStatus || !!e.cause;

export async function sendBroadcast(deps: SendDeps, job: SendJob): Promise<void> {
  const { ctx } = deps;
  const { corpId, broadcastId } = job;
  const start = await withCorp(ctx.db, corpId, async (tx) => {
    const b = await repo.broadcast(tx, corpId, broadcastId);
    const s = await repo.settings(tx, corpId);
    if (!b || !['scheduled', 'sending'].includes(b.status) || s.unavailable_errcode !== null) return null;
    if (b.status === 'scheduled') await repo.setStatus(tx, corpId, broadcastId, 'sending');
    return b;
  });
  if (!start) return;
  const client = await deps.connections.contactClient(corpId);
  let contents: WecomContent[];
  try {
    contents = await Promise.all(start.variants.map((v) => wecomContent(ctx, deps.connections, corpId, v)));
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    // A material deleted or refused since planning: nothing is created, the broadcast says why.
    await withCorp(ctx.db, corpId, (tx) => repo.setStatus(tx, corpId, broadcastId, 'failed', `${err.code}: ${err.message}`.slice(0, 300)));
    return;
  }
  const variantIndex = (key: string) => (key === 'B' ? 1 : 0);
  const chatType = start.kind === 'customer' ? 'single' : 'group';

  for (;;) {
    const task = await withCorp(ctx.db, corpId, async (tx) => {
      const b = await repo.broadcast(tx, corpId, broadcastId);
      return b?.status === 'sending' ? claims.claimNext(tx, corpId, broadcastId) : undefined;
    });
    if (!task) break;
    const content = contents[variantIndex(task.variant)];
    if (task.state === 'claimed') {
      const msgid = await findCreated(ctx, client, corpId, chatType, task, content);
      if (msgid) {
        await withCorp(ctx.db, corpId, (tx) => claims.markCreated(tx, corpId, broadcastId, task.task_no, msgid, []));
        continue;
      }
    }
    const targets = await withCorp(ctx.db, corpId, (tx) => claims.targets(tx, corpId, broadcastId, task.task_no));
    try {
      const res = await client.addMsgTemplate({
        chat_type: chatType,
        sender: task.staff_userid,
        ...(chatType === 'single' ? { external_userid: targets } : { chat_id_list: targets }),
        ...content,
      });
      await withCorp(ctx.db, corpId, (tx) => claims.markCreated(tx, corpId, broadcastId, task.task_no, res.msgid, res.fail_list ?? []));
    } catch (err) {
      if (!isWecomError(err)) throw err;
      const error = `errcode ${err.errcode}: ${err.errmsg}`.slice(0, 300);
      if (isUnknownOutcome(err)) throw err;
      if (isPermission(err)) {
        await withCorp(ctx.db, corpId, async (tx) => {
          await claims.release(tx, corpId, broadcastId, task.task_no, error);
          await repo.setUnavailable(tx, corpId, { errcode: err.errcode, message: err.errmsg.slice(0, 300) });
          await repo.setStatus(tx, corpId, broadcastId, 'failed', error);
        });
        ctx.logger.warn({ corpId, broadcastId, errcode: err.errcode }, 'mass messages not granted by WeCom: broadcast stopped');
        return;
      }
      if (isRetryable(err)) {
        await withCorp(ctx.db, corpId, (tx) => claims.release(tx, corpId, broadcastId, task.task_no, error));
        throw err;
      }
      await withCorp(ctx.db, corpId, (tx) => claims.markFailed(tx, corpId, broadcastId, task.task_no, error));
    }
  }
  const done = await withCorp(ctx.db, corpId, async (tx) => {
    const b = await repo.broadcast(tx, corpId, broadcastId);
    if (b?.status !== 'sending') return false;
    await repo.setStatus(tx, corpId, broadcastId, 'sent');
    return true;
  });
  if (done) await deps.schedulePoll(corpId, broadcastId, 0);
}

/** A task claimed by a run that died mid-call: the msgid WeCom gave it, if WeCom created it. */
async function findCreated(
  ctx: AppContext,
  client: WecomClient,
  corpId: string,
  chatType: 'single' | 'group',
  task: claims.ClaimedTask,
  content: WecomContent,
): Promise<string | null> {
  const since = Math.floor((task.claimed_at?.getTime() ?? Date.now()) / 1000) - 60;
  const candidates: string[] = [];
  for await (const m of client.iterateGroupMsgList({ chat_type: chatType, start_time: since, end_time: Math.floor(Date.now() / 1000) + 60, creator: task.staff_userid, filter_type: 2, limit: 100 })) {
    if ((m.text?.content ?? '') === (content.text?.content ?? '')) candidates.push(m.msgid);
  }
  if (candidates.length === 0) return null;
  const known = await withCorp(ctx.db, corpId, (tx) => claims.knownMsgids(tx, corpId, candidates));
  return candidates.find((id) => !known.has(id)) ?? null;
}
