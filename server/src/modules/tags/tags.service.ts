import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { writeAudit } from '../audit';
import { ownScope } from '../../platform/policy/visible-scope';
import { visibleCustomerId } from '../customers';
import { recordEvents } from '../../platform/events';
import type { WecomConnections } from '../wecom';
import { BULK_TAG_QUEUE, type BulkTagJob } from './bulk-tag.job';
import { resolveBulkTargets, type BulkTarget } from './resolve-bulk-targets';
import * as repo from './tags.repo';
import { wecomCall } from './tag-wecom-call';

export type BulkTagInput = BulkTarget & { add: string[]; remove: string[] };

/** Asks for a reconciliation of the corp (a durable job that makes the local mirror equal to WeCom). */
export type RequestRepair = (corpId: string) => Promise<unknown>;

/** Names WeCom would refuse with 40071 (one name twice in a group) are refused here, before WeCom is called. */
function checkNewNames(names: string[]) {
  if (new Set(names).size !== names.length) throw new DomainError('conflict', 'the same tag name twice');
}

export function createTagsService(ctx: AppContext, connections: WecomConnections, requestRepair: RequestRepair) {
  const { db, logger } = ctx;
  const client = (corpId: string) => connections.contactClient(corpId);

  /**
   * The local write that follows a change WeCom accepted. Should it fail, `undo` puts WeCom back as it was (the
   * request then failed as a whole and changed nothing); when there is no undo (a deletion) or the undo fails too,
   * a reconciliation is queued, which makes the mirror equal to WeCom. Either way nothing is left half-done.
   */
  async function thenLocal<T>(corpId: string, local: () => Promise<T>, undo: (() => Promise<unknown>) | null): Promise<T> {
    try {
      return await local();
    } catch (err) {
      try {
        if (!undo) throw err;
        await undo();
      } catch (undoErr) {
        logger.error({ err: undoErr, corpId }, 'tag change: WeCom changed, local write failed; reconciling');
        await requestRepair(corpId).catch((repairErr: unknown) => logger.error({ err: repairErr, corpId }, 'tag change: cannot queue the reconciliation'));
      }
      throw err;
    }
  }

  async function checkTags(corpId: string, ids: string[]) {
    const known = await withCorp(db, corpId, (tx) => repo.existingTagIds(tx, corpId, ids));
    if (ids.some((id) => !known.has(id))) throw new DomainError('not_found', 'unknown tag');
  }

  return {
    list: (auth: AuthContext) => withCorp(db, auth.corpId, (tx) => repo.listTagTree(tx, auth.corpId, ownScope(auth))),

    /** New group (with its first tags) or new tags in an existing group: WeCom first, then the local mirror. */
    async addTags(auth: AuthContext, input: { groupId?: string; groupName?: string; tags: string[] }) {
      if (!input.groupId && !input.groupName) throw new DomainError('invalid_request', 'groupId or groupName');
      checkNewNames(input.tags);
      if (input.groupId && (await withCorp(db, auth.corpId, (tx) => repo.findTagOrGroup(tx, auth.corpId, input.groupId!))) !== 'group') {
        throw new DomainError('tag_unknown', 'groupId');
      }
      const c = await client(auth.corpId);
      const res = await wecomCall(() =>
        c.addCorpTag({ ...(input.groupId ? { group_id: input.groupId } : { group_name: input.groupName }), tag: input.tags.map((name) => ({ name })) }),
      );
      // Undo: delete the tags just created (WeCom drops a group left without tags).
      const created = res.tag_group.tag.map((t) => t.id);
      await thenLocal(
        auth.corpId,
        () =>
          withCorp(db, auth.corpId, async (tx) => {
            await repo.upsertGroupFromWecom(tx, auth.corpId, res.tag_group);
            await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'tag.create', target: res.tag_group.group_id, detail: { tags: input.tags } });
          }),
        () => c.delCorpTag({ tag_id: created }),
      );
      return { groupId: res.tag_group.group_id, tags: res.tag_group.tag.map((t) => ({ tagId: t.id, name: t.name })) };
    },

    async rename(auth: AuthContext, id: string, patch: { name?: string; order?: number }) {
      const before = await withCorp(db, auth.corpId, (tx) => repo.findTagOrGroupRow(tx, auth.corpId, id));
      if (!before) throw new DomainError('not_found');
      if (patch.name === undefined && patch.order === undefined) return;
      const c = await client(auth.corpId);
      await wecomCall(() => c.editCorpTag({ id, ...patch }));
      // Undo: WeCom gets the previous name and order back.
      await thenLocal(
        auth.corpId,
        () =>
          withCorp(db, auth.corpId, async (tx) => {
            await repo.renameTag(tx, auth.corpId, id, patch);
            await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: `${before.kind}.update`, target: id, detail: patch });
          }),
        () => c.editCorpTag({ id, ...(patch.name !== undefined ? { name: before.name } : {}), ...(patch.order !== undefined ? { order: before.order } : {}) }),
      );
    },

    async remove(auth: AuthContext, id: string) {
      const kind = await withCorp(db, auth.corpId, (tx) => repo.findTagOrGroup(tx, auth.corpId, id));
      if (!kind) throw new DomainError('not_found');
      const c = await client(auth.corpId);
      await wecomCall(() => c.delCorpTag(kind === 'tag' ? { tag_id: [id] } : { group_id: [id] }));
      // A deletion cannot be undone in WeCom (a re-created tag gets a new id): a failed local delete is repaired by
      // the reconciliation thenLocal queues.
      await thenLocal(
        auth.corpId,
        () =>
          withCorp(db, auth.corpId, async (tx) => {
            const gone = await repo.deleteTagOrGroup(tx, auth.corpId, id);
            await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: `${kind}.delete`, target: id, detail: { tags: gone } });
          }),
        null,
      );
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
        const timeline = { type: 'tags_changed', source: 'console', properties: { add, remove, by: auth.userId } };
        await recordEvents(tx, auth.corpId, [
          ...(add.length ? [{ event: { type: 'tag.added' as const, customerId: id, data: { tagIds: add, source: 'console' as const, staffUserid: auth.staffUserid } }, timeline }] : []),
          ...(remove.length
            ? [{ event: { type: 'tag.removed' as const, customerId: id, data: { tagIds: remove, source: 'console' as const, staffUserid: auth.staffUserid } }, ...(add.length ? {} : { timeline }) }]
            : []),
        ]);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'customer.tag', target: id, detail: { add, remove } });
      });
      return { follows: follows.length };
    },

    /** Queues a resumable job over the listed customers or over every customer matching a rule filter. */
    async bulkTag(auth: AuthContext, input: BulkTagInput) {
      if (input.add.length === 0 && input.remove.length === 0) throw new DomainError('invalid_request', 'nothing to add or remove');
      await checkTags(auth.corpId, [...input.add, ...input.remove]);
      const job = await withCorp(db, auth.corpId, async (tx) => {
        const customerIds = await resolveBulkTargets(tx, auth, input);
        const row = await repo.insertTagJob(tx, auth.corpId, { add: input.add, remove: input.remove, customerIds, createdBy: auth.userId });
        const filter = 'filter' in input ? { filter: input.filter } : {};
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'customer.bulk_tag', target: row.id, detail: { customers: customerIds.length, add: input.add, remove: input.remove, ...filter } });
        return { id: row.id, customers: customerIds.length };
      });
      await ctx.queue.send<BulkTagJob>(BULK_TAG_QUEUE, { corpId: auth.corpId, jobId: job.id });
      return job;
    },

    async job(auth: AuthContext, id: string) {
      const row = await withCorp(db, auth.corpId, (tx) => repo.findTagJob(tx, auth.corpId, id));
      if (!row) throw new DomainError('not_found');
      return row;
    },
  };
}

export type TagsService = ReturnType<typeof createTagsService>;
