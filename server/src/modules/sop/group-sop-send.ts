// Sending one claimed batch (one owner, one push occurrence, ≤ 2,000 groups), never inside a transaction: as the
// owner's group mass message (add_msg_template, chat_type group, sender = owner; the owner confirms it in WeCom) or as
// a reminder to the owner (the corp app's message/send). WeCom's answer is stored in the transaction after the call:
// created with its msgid, reminded, failed with the error (the plan shows it), or released when WeCom was busy.
import type { MessageAttachment } from '@siyu/wecom';
import { isWecomError, WecomErrcode, type WecomError } from '@siyu/wecom';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { materialAttachments } from '../materials';
import type { WecomConnections } from '../wecom';
import * as runs from './group-sop-runs.repo';

export type SendDeps = { ctx: AppContext; connections: WecomConnections; now(): Date };
/** What became of the batch: 'retry' means WeCom was busy and the batch is pending again. */
export type SendOutcome = 'done' | 'retry';

const REMINDER_MAX_BYTES = 2000;

/** WeCom answered that it did not do it: safe to ask again later. */
const isRetryable = (e: WecomError) =>
  !e.httpStatus && !e.cause && (e.errcode === WecomErrcode.SYSTEM_BUSY || e.errcode === WecomErrcode.FREQUENCY_LIMIT || e.errcode === WecomErrcode.CONCURRENCY_LIMIT);
/** No answer: WeCom may or may not have acted; the claim stays until it is stale. */
const isUnknownOutcome = (e: WecomError) => !!e.httpStatus || !!e.cause;

export async function sendBatch(deps: SendDeps, corpId: string, b: runs.ClaimedBatch): Promise<SendOutcome> {
  const { ctx } = deps;
  const c = await withCorp(ctx.db, corpId, (tx) => runs.batchContext(tx, corpId, b));
  const fail = (error: string) =>
    withCorp(ctx.db, corpId, async (tx) => {
      await runs.markFailed(tx, corpId, b.batchId, error);
      await runs.setPlanError(tx, corpId, b.planId, error, deps.now());
    });
  try {
    if (b.action === 'remind_owner') {
      const conn = await deps.connections.connection(corpId);
      if (!conn?.agentId || !conn.appSecret) {
        await fail('no WeCom app is configured (agent id and app secret), so reminders cannot be sent');
        return 'done';
      }
      const client = deps.connections.clientFor(corpId, conn, conn.appSecret);
      const res = await client.sendAppMessage({ touser: b.ownerUserid, msgtype: 'text', agentid: Number(conn.agentId), text: { content: reminderText(c) } });
      if ((res.invaliduser ?? '').split('|').includes(b.ownerUserid)) {
        await fail(`WeCom could not deliver the reminder to ${b.ownerUserid} (invaliduser)`);
        return 'done';
      }
      await withCorp(ctx.db, corpId, async (tx) => {
        await runs.markReminded(tx, corpId, b.batchId, res.msgid ?? null, deps.now());
        await runs.setPlanError(tx, corpId, b.planId, null, deps.now());
      });
      return 'done';
    }
    const client = await deps.connections.contactClient(corpId);
    const ids = c.content.materialIds ?? [];
    const attachments = ids.length > 0 ? ((await materialAttachments({ db: ctx.db, wecom: deps.connections }, corpId, ids, 'message')) as MessageAttachment[]) : [];
    const res = await client.addMsgTemplate({
      chat_type: 'group',
      sender: b.ownerUserid,
      chat_id_list: b.chatIds,
      ...(c.content.text.trim() ? { text: { content: c.content.text } } : {}),
      ...(attachments.length > 0 ? { attachments } : {}),
    });
    await withCorp(ctx.db, corpId, async (tx) => {
      await runs.markCreated(tx, corpId, b.batchId, res.msgid, res.fail_list ?? []);
      await runs.setPlanError(tx, corpId, b.planId, null, deps.now());
    });
    return 'done';
  } catch (err) {
    if (err instanceof DomainError) {
      // A material deleted since the plan was saved, WeCom not connected …: this batch fails, the plan says why.
      await fail(`${err.code}: ${err.message}`);
      return 'done';
    }
    if (!isWecomError(err)) throw err;
    const error = `errcode ${err.errcode}: ${err.errmsg}`;
    if (isUnknownOutcome(err)) {
      ctx.logger.warn({ corpId, planId: b.planId, errcode: err.errcode }, 'group SOP send: no answer from WeCom; claim kept');
      return 'retry';
    }
    if (isRetryable(err)) {
      await withCorp(ctx.db, corpId, (tx) => runs.release(tx, corpId, b.batchId, error));
      return 'retry';
    }
    await fail(error);
    ctx.logger.warn({ corpId, planId: b.planId, errcode: err.errcode }, 'group SOP push refused by WeCom');
    return 'done';
  }
}

/** The reminder: which plan, which groups, and the text to send (cut to what message/send takes). */
function reminderText(c: runs.BatchContext): string {
  const groups = c.groupNames.slice(0, 10).join('、') + (c.groupNames.length > 10 ? ` 等 ${c.groupNames.length} 个群` : '');
  const text = `【群SOP】${c.planName}：请在以下客户群发送 —— ${groups}\n\n${c.content.text}`;
  let out = text;
  while (Buffer.byteLength(out, 'utf8') > REMINDER_MAX_BYTES) out = out.slice(0, -20);
  return out;
}
