import { sql } from 'kysely';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { writeAudit } from '../audit/audit.repo';
import { visibleCustomerId, ownScope } from '../customers/profile-access';
import { recordCustomerChange } from '../events/customer-changed';
import type { WecomConnections } from '../wecom/wecom-connection.service';
import { BULK_TAG_QUEUE, type BulkTagJob } from './bulk-tag.job';
import { resolveBulkTargets, type BulkTarget } from './resolve-bulk-targets';
import * as repo from './tags.repo';
import { wecomCall } from './wecom-call';

export type BulkTagInput = BulkTarget & { add: string[]; remove: string[] };

export function createTagsService(ctx: AppContext, connections: WecomConnections) {
  const { db } = ctx;
  const client = (corpId: string) => connections.contactClient(corpId);

  async function checkTags(corpId: string, ids: string[]) {
    const known = await withCorp(db, corpId, (tx) => repo.existingTagIds(tx, corpId, ids));
    if (ids.some((id) => !known.has(id))) throw new DomainError('not_found', 'unknown tag');
  }

  return {
    list: (auth: AuthContext) => withCorp(db, auth.corpId, (tx) => repo.listTagTree(tx, auth.corpId)),

    /** New group (with its first tags) or new tags in an existing group: WeCom first, then the local mirror. */
    async addTags(auth: AuthContext, input: { groupId?: string; groupName?: string; tags: string[] }) {
      if (!input.groupId && !input.groupName) throw new DomainError('invalid_request', 'groupId or groupName');
      const c = await client(auth.corpId);
      const res = await wecomCall(() =>
        c.addCorpTag({ ...(input.groupId ? { group_id: input.groupId } : { group_name: input.groupName }), tag: input.tags.map((name) => ({ name })) }),
      );
      await withCorp(db, auth.corpId, async (tx) => {
        await repo.upsertGroupFromWecom(tx, auth.corpId, res.tag_group);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'tag.create', target: res.tag_group.group_id, detail: { tags: input.tags } });
      });
      return { groupId: res.tag_group.group_id, tags: res.tag_group.tag.map((t) => ({ tagId: t.id, name: t.name })) };
    },

    async rename(auth: AuthContext, id: string, patch: { name?: string; order?: number }) {
      const kind = await withCorp(db, auth.corpId, (tx) => repo.findTagOrGroup(tx, auth.corpId, id));
      if (!kind) throw new DomainError('not_found');
      const c = await client(auth.corpId);
      await wecomCall(() => c.editCorpTag({ id, ...patch }));
      await withCorp(db, auth.corpId, async (tx) => {
        await repo.renameTag(tx, auth.corpId, id, patch);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: `${kind}.update`, target: id, detail: patch });
      });
    },

    async remove(auth: AuthContext, id: string) {
      const kind = await withCorp(db, auth.corpId, (tx) => repo.findTagOrGroup(tx, auth.corpId, id));
      if (!kind) throw new DomainError('not_found');
      const c = await client(auth.corpId);
      await wecomCall(() => c.delCorpTag(kind === 'tag' ? { tag_id: [id] } : { group_id: [id] }));
      await withCorp(db, auth.corpId, async (tx) => {
        const gone = await repo.deleteTagOrGroup(tx, auth.corpId, id);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: `${kind}.delete`, target: id, detail: { tags: gone } });
      });
    },

    /** Tags one customer now, on each of their active follows (a staff member: only their own follow). */
    async tagCustomer(auth: AuthContext, requestedId: string, add: string[], remove: string[]) {
      await checkTags(auth.corpId, [...add, ...remove]);
      const { id, follows } = await withCorp(db, auth.corpId, async (tx) => {
        const cid = await visibleCustomerId(tx, auth, requestedId);
        return { id: cid, follows: await repo.activeFollows(tx, auth.corpId, [cid], ownScope(auth)) };
      });
      if (follows.length === 0) throw new DomainError('invalid_request', 'the customer has no active WeCom follow to tag');
      const c = await client(auth.corpId);
      for (const f of follows) {
        await wecomCall(() => c.markTag({ userid: f.staffUserid, external_userid: f.externalUserid, ...(add.length ? { add_tag: add } : {}), ...(remove.length ? { remove_tag: remove } : {}) }));
      }
      await withCorp(db, auth.corpId, async (tx) => {
        for (const f of follows) await repo.applyFollowTags(tx, auth.corpId, f, add, remove);
        await tx
          .insertInto('events')
          .values({ corp_id: auth.corpId, customer_id: id, type: 'tags_changed', source: 'console', properties: JSON.stringify({ add, remove, by: auth.userId }) })
          .execute();
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'customer.tag', target: id, detail: { add, remove } });
        await recordCustomerChange(tx, auth.corpId, id, 'tag');
      });
      return { follows: follows.length };
    },

    /** Queues a resumable job over the listed customers or over every customer matching a rule filter. */
    async bulkTag(auth: AuthContext, input: BulkTagInput) {
      if (input.add.length === 0 && input.remove.length === 0) throw new DomainError('invalid_request', 'nothing to add or remove');
      await checkTags(auth.corpId, [...input.add, ...input.remove]);
      const job = await withCorp(db, auth.corpId, async (tx) => {
        const customerIds = await resolveBulkTargets(tx, auth, input);
        const row = await tx
          .insertInto('tag_jobs')
          .values({ corp_id: auth.corpId, add_tag_ids: input.add, remove_tag_ids: input.remove, customer_ids: customerIds, status: 'queued', errors: '[]', created_by: auth.userId })
          .returning('id')
          .executeTakeFirstOrThrow();
        const filter = 'filter' in input ? { filter: input.filter } : {};
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'customer.bulk_tag', target: row.id, detail: { customers: customerIds.length, add: input.add, remove: input.remove, ...filter } });
        return { id: row.id, customers: customerIds.length };
      });
      await ctx.queue.send<BulkTagJob>(BULK_TAG_QUEUE, { corpId: auth.corpId, jobId: job.id });
      return job;
    },

    async job(auth: AuthContext, id: string) {
      const row = await withCorp(db, auth.corpId, (tx) =>
        tx
          .selectFrom('tag_jobs')
          .select(['id', 'status', 'total', 'done', 'failed', 'errors', 'add_tag_ids as add', 'remove_tag_ids as remove', 'created_at as createdAt', 'finished_at as finishedAt'])
          .select(sql<number>`cardinality(customer_ids)`.as('customers'))
          .where('corp_id', '=', auth.corpId)
          .where('id', '=', id)
          .executeTakeFirst(),
      );
      if (!row) throw new DomainError('not_found');
      return row;
    },
  };
}

export type TagsService = ReturnType<typeof createTagsService>;
