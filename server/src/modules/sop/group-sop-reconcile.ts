// Claims left by a run that died while WeCom was being asked (claimed more than STALE_CLAIM_MS ago, no answer
// stored). A group message is looked up in WeCom — get_groupmsg_list_v2, the owner's group messages since the claim
// with the same text whose msgid no run holds yet: found, the batch is created with that msgid; not found, WeCom never
// created it, so the batch is pending again and sent once. A reminder has no such list: it is failed as "outcome
// unknown" rather than sent twice. Never inside a transaction while WeCom is asked.
import { isWecomError } from '@siyu/wecom';
import { withCorp } from '../../db/tenancy';
import * as runs from './group-sop-runs.repo';
import type { SendDeps } from './group-sop-send';

export const STALE_CLAIM_MS = 10 * 60_000;
const MAX_WINDOW_S = 30 * 86_400;
/** WeCom's create_time and this server's clock may differ a little; a message a run already holds is never taken. */
const CLOCK_MARGIN_S = 600;

export async function reconcileStaleClaims(deps: SendDeps, corpId: string): Promise<void> {
  const { ctx } = deps;
  const now = deps.now();
  const stale = await withCorp(ctx.db, corpId, (tx) => runs.staleBatches(tx, corpId, new Date(now.getTime() - STALE_CLAIM_MS)));
  for (const b of stale) {
    if (b.action !== 'group_message') {
      await withCorp(ctx.db, corpId, async (tx) => {
        await runs.markFailed(tx, corpId, b.batch_id, 'outcome unknown: the server stopped while the reminder was being sent');
        await runs.setPlanError(tx, corpId, b.plan_id, 'a reminder was interrupted; whether it arrived is unknown', now);
      });
      continue;
    }
    try {
      const client = await deps.connections.contactClient(corpId);
      const end = Math.floor(now.getTime() / 1000) + 60;
      const start = Math.max(Math.floor(b.claimed_at.getTime() / 1000) - CLOCK_MARGIN_S, end - MAX_WINDOW_S);
      const candidates: string[] = [];
      for await (const m of client.iterateGroupMsgList({ chat_type: 'group', start_time: start, end_time: end, creator: b.owner_userid, filter_type: 2, limit: 100 })) {
        if ((m.text?.content ?? '') === b.text) candidates.push(m.msgid);
      }
      await withCorp(ctx.db, corpId, async (tx) => {
        const known = await runs.knownMsgids(tx, corpId, candidates);
        const msgid = candidates.find((id) => !known.has(id));
        if (msgid) await runs.markCreated(tx, corpId, b.batch_id, msgid, []);
        else await runs.release(tx, corpId, b.batch_id, 'resent: the server stopped before WeCom created it');
      });
    } catch (err) {
      if (!isWecomError(err)) throw err;
      // WeCom cannot tell now: the claim stays and is looked up again on the next round.
      ctx.logger.info({ corpId, errcode: err.errcode }, 'group SOP: stale claim not reconciled yet');
      return;
    }
  }
}
