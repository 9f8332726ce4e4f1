// Sends a moment to WeCom, once: the effect recorded with the moment claims it (queued → creating), uploads its
// materials (upload_attachment), calls add_moment_task and keeps the jobid, then a follow job reads the job's result.
// A refusal marks the moment failed with WeCom's reason; a moment left 'creating' without a jobid (the process died
// mid-call) is never sent again, since WeCom has no idempotency key for add_moment_task.
import type { AddMomentTaskRequest, MomentAttachment } from '@siyu/wecom';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { wecomCall } from '../../platform/wecom-call';
import { materialAttachments, recordMaterialUse } from '../materials';
import type { WecomConnections } from '../wecom';
import * as repo from './moments.repo';

export const FOLLOW_QUEUE = 'moments.follow';
export type FollowJob = { corpId: string; momentId: string; attempt: number };

export function createMomentEffect(ctx: AppContext, connections: WecomConnections) {
  return async (corpId: string, data: Record<string, unknown>): Promise<void> => {
    const momentId = String(data.momentId);
    const m = await withCorp(ctx.db, corpId, async (tx) => ((await repo.claimForCreate(tx, corpId, momentId)) ? repo.findMoment(tx, corpId, momentId) : null));
    if (!m) return;
    try {
      const attachments = (await materialAttachments({ db: ctx.db, wecom: connections }, corpId, m.materialIds, 'moment')) as MomentAttachment[];
      const req: AddMomentTaskRequest = {
        ...(m.text ? { text: { content: m.text } } : {}),
        ...(attachments.length ? { attachments } : {}),
        ...(m.senderUserids.length || m.senderDepartments.length || m.tagIds.length
          ? {
              visible_range: {
                ...(m.senderUserids.length || m.senderDepartments.length
                  ? { sender_list: { user_list: m.senderUserids, department_list: m.senderDepartments } }
                  : {}),
                ...(m.tagIds.length ? { external_contact_list: { tag_list: m.tagIds } } : {}),
              },
            }
          : {}),
      };
      const client = await connections.contactClient(corpId);
      const res = await wecomCall({ rejected: 'moment_wecom_rejected' }, () => client.addMomentTask(req));
      await withCorp(ctx.db, corpId, async (tx) => {
        await repo.setJob(tx, corpId, momentId, res.jobid, attachments);
        for (const id of m.materialIds) await recordMaterialUse(tx, corpId, id, null, 'moment');
      });
      await ctx.queue.send<FollowJob>(FOLLOW_QUEUE, { corpId, momentId, attempt: 0 }, { singletonKey: `${momentId}:0` });
    } catch (err) {
      const reason = err instanceof DomainError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
      ctx.logger.warn({ corpId, momentId, reason }, 'moment task not created');
      await withCorp(ctx.db, corpId, (tx) => repo.setFailed(tx, corpId, momentId, reason));
    }
  };
}
