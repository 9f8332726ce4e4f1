// Bulk tagging: one mark_tag per (staff, customer) follow, through the corp's rate-limited WeCom client, with
// progress saved after each follow so a retried job continues where it stopped.
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { recordEvents } from '../../platform/events';
import type { WecomConnections } from '../wecom';
import { activeFollows, applyFollowTags } from './tags.repo';
import { wecomCall } from './tag-wecom-call';

export const BULK_TAG_QUEUE = 'tags.bulk';
export type BulkTagJob = { corpId: string; jobId: string };

export async function runBulkTag(ctx: AppContext, connections: WecomConnections, { corpId, jobId }: BulkTagJob): Promise<void> {
  const job = await withCorp(ctx.db, corpId, (tx) => tx.selectFrom('tag_jobs').selectAll().where('corp_id', '=', corpId).where('id', '=', jobId).executeTakeFirst());
  if (!job || job.status === 'done' || job.status === 'partial') return;
  const follows = await withCorp(ctx.db, corpId, (tx) => activeFollows(tx, corpId, job.customer_ids, null));
  await withCorp(ctx.db, corpId, (tx) => tx.updateTable('tag_jobs').set({ status: 'running', total: follows.length }).where('corp_id', '=', corpId).where('id', '=', jobId).execute());
  const client = await connections.contactClient(corpId);
  const errors = [...(job.errors ?? [])];
  let done = job.done;
  let failed = job.failed;
  for (const f of follows.slice(job.done + job.failed)) {
    let ok = true;
    try {
      await wecomCall(() =>
        client.markTag({
          userid: f.staffUserid,
          external_userid: f.externalUserid,
          ...(job.add_tag_ids.length ? { add_tag: job.add_tag_ids } : {}),
          ...(job.remove_tag_ids.length ? { remove_tag: job.remove_tag_ids } : {}),
        }),
      );
    } catch (err) {
      ok = false;
      if (errors.length < 100) errors.push({ customerId: f.customerId, staffUserid: f.staffUserid, message: err instanceof Error ? err.message : String(err) });
    }
    await withCorp(ctx.db, corpId, async (tx) => {
      if (ok) {
        await applyFollowTags(tx, corpId, f, job.add_tag_ids, job.remove_tag_ids);
        await recordEvents(tx, corpId, [
          ...(job.add_tag_ids.length ? [{ event: { type: 'tag.added' as const, customerId: f.customerId, data: { tagIds: job.add_tag_ids, source: 'bulk' as const, staffUserid: f.staffUserid } } }] : []),
          ...(job.remove_tag_ids.length ? [{ event: { type: 'tag.removed' as const, customerId: f.customerId, data: { tagIds: job.remove_tag_ids, source: 'bulk' as const, staffUserid: f.staffUserid } } }] : []),
        ]);
      }
      if (ok) done++;
      else failed++;
      await tx.updateTable('tag_jobs').set({ done, failed, errors: JSON.stringify(errors) }).where('corp_id', '=', corpId).where('id', '=', jobId).execute();
    });
  }
  await withCorp(ctx.db, corpId, (tx) =>
    tx
      .updateTable('tag_jobs')
      .set({ status: failed ? 'partial' : 'done', finished_at: new Date() })
      .where('corp_id', '=', corpId)
      .where('id', '=', jobId)
      .execute(),
  );
}
