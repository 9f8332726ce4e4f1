// Follows add_moment_task's asynchronous job (get_moment_task_result: 1 started, 2 processing, 3 done) until WeCom
// says how it ended: the moment_id and the senders and tags it found invalid, or the errcode it failed with. While
// the job runs it looks again after a growing pause; then the first results are pulled.
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { wecomCall } from '../../platform/wecom-call';
import type { WecomConnections } from '../wecom';
import { FOLLOW_QUEUE, type FollowJob } from './create-moment';
import * as repo from './moments.repo';

export const SYNC_QUEUE = 'moments.sync';
export type SyncJob = { corpId: string; momentId: string };
const MAX_ATTEMPTS = 40;

export function followMomentJob(ctx: AppContext, connections: WecomConnections) {
  return async ({ corpId, momentId, attempt }: FollowJob): Promise<void> => {
    const m = await withCorp(ctx.db, corpId, (tx) => repo.findMoment(tx, corpId, momentId));
    if (!m || m.status !== 'creating' || !m.jobid) return;
    const client = await connections.contactClient(corpId);
    const jobid = m.jobid;
    const res = await wecomCall({ rejected: 'moment_wecom_rejected' }, () => client.getMomentTaskResult(jobid));
    if (res.status !== 3) {
      if (attempt + 1 >= MAX_ATTEMPTS) {
        await withCorp(ctx.db, corpId, (tx) => repo.setFailed(tx, corpId, momentId, `WeCom job ${jobid} still running after ${MAX_ATTEMPTS} checks`));
        return;
      }
      const next = attempt + 1;
      await ctx.queue.send<FollowJob>(FOLLOW_QUEUE, { corpId, momentId, attempt: next }, { startAfter: Date.now() + Math.min(60, 2 * next) * 1000, singletonKey: `${momentId}:${next}` });
      return;
    }
    const r = res.result;
    if (!r || r.errcode !== 0 || !r.moment_id) {
      await withCorp(ctx.db, corpId, (tx) => repo.setFailed(tx, corpId, momentId, `errcode ${r?.errcode ?? '?'}: ${r?.errmsg ?? 'no moment_id'}`));
      return;
    }
    const momentIdWecom = r.moment_id;
    await withCorp(ctx.db, corpId, (tx) =>
      repo.setCreated(tx, corpId, momentId, {
        momentId: momentIdWecom,
        invalidSenders: r.invalid_sender_list?.user_list ?? [],
        invalidTags: r.invalid_external_contact_list?.tag_list ?? [],
      }),
    );
    await ctx.queue.send<SyncJob>(SYNC_QUEUE, { corpId, momentId });
  };
}
