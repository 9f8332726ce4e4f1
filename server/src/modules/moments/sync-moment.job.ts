// Pulls a moment's results from WeCom: each sender's publish status (get_moment_task), how many of their customers
// may see it (get_moment_customer_list) and were shown it (get_moment_send_result), and the likes and comments
// (get_moment_comments); then replaces the stored results in one transaction. A job, since a corp's moment can have
// thousands of senders.
import type { WecomClient } from '@siyu/wecom';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { wecomCall } from '../../platform/wecom-call';
import type { WecomConnections } from '../wecom';
import type { SyncJob } from './follow-moment.job';
import * as repo from './moments.repo';

async function count<T>(it: AsyncGenerator<T, void, undefined>): Promise<number> {
  let n = 0;
  for await (const _ of it) n++;
  return n;
}

async function staffResult(client: WecomClient, momentId: string, userid: string, published: boolean): Promise<repo.StaffResult> {
  const visible = await count(client.iterateMomentCustomers(momentId, userid));
  if (!published) return { userid, published, visible, shown: 0, likes: [], comments: [] };
  const shown = await count(client.iterateMomentSendResult(momentId, userid));
  const c = await client.getMomentComments(momentId, userid);
  const toI = (x: { external_userid?: string; create_time: number }) => ({ externalUserid: x.external_userid ?? '', at: new Date(x.create_time * 1000) });
  return {
    userid,
    published,
    visible,
    shown,
    likes: c.like_list.filter((x) => x.external_userid).map(toI),
    comments: c.comment_list.filter((x) => x.external_userid).map(toI),
  };
}

export function syncMomentJob(ctx: AppContext, connections: WecomConnections) {
  return async ({ corpId, momentId }: SyncJob): Promise<void> => {
    const m = await withCorp(ctx.db, corpId, (tx) => repo.findMoment(tx, corpId, momentId));
    if (!m?.wecomMomentId || (m.status !== 'created' && m.status !== 'canceled')) return;
    const wid = m.wecomMomentId;
    const client = await connections.contactClient(corpId);
    const results = await wecomCall({ rejected: 'moment_wecom_rejected' }, async () => {
      const out: repo.StaffResult[] = [];
      for await (const t of client.iterateMomentTask(wid)) out.push(await staffResult(client, wid, t.userid, t.publish_status === 1));
      return out;
    });
    await withCorp(ctx.db, corpId, (tx) => repo.saveResults(tx, corpId, momentId, results));
  };
}
