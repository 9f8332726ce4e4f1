// Decisions of moments: what a moment may hold (text ≤ 2000, ≤ 9 images or one video or one link from the library),
// senders and tags that exist in the corp, all checked before anything is recorded; the WeCom task is an effect
// recorded with the moment. Cancel stops staff who have not published; results are pulled by a job.
import type { CreateMomentBodyT, Moment, MomentDetail, MomentListQueryT } from '@siyu/contracts';
import { MOMENT_TEXT_MAX } from '@siyu/contracts';
import type { AppContext } from '../../context';
import { withCorp, type Tx } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { afterCommit } from '../../platform/events';
import { wecomCall } from '../../platform/wecom-call';
import { checkMaterialsAttachable, getMaterials } from '../materials';
import type { WecomConnections } from '../wecom';
import { SYNC_QUEUE, type SyncJob } from './follow-moment.job';
import * as repo from './moments.repo';

export const CREATE_EFFECT = 'moments.create';

async function toMoment(tx: Tx, corpId: string, m: repo.MomentRow): Promise<Moment> {
  const names = await repo.namesOf(tx, corpId, { userids: [...m.senderUserids, ...m.invalidSenders], departments: m.senderDepartments, tags: m.tagIds });
  const named = (map: Map<string, string>, ids: readonly (string | number)[]) => ids.map((id) => ({ id: String(id), name: map.get(String(id)) ?? String(id) }));
  return {
    id: m.id,
    text: m.text,
    materials: await getMaterials(tx, corpId, m.materialIds),
    status: m.status,
    error: m.error,
    senders: named(names.staff, m.senderUserids),
    departments: named(names.departments, m.senderDepartments),
    tags: named(names.tags, m.tagIds),
    invalidSenders: named(names.staff, m.invalidSenders),
    staffCount: m.staffCount,
    publishedCount: m.publishedCount,
    likes: m.likes,
    comments: m.comments,
    createdAt: m.createdAt.toISOString(),
    syncedAt: m.syncedAt ? m.syncedAt.toISOString() : null,
  };
}

async function checkTargets(tx: Tx, corpId: string, b: { senderUserids: string[]; senderDepartments: number[]; tagIds: string[] }): Promise<void> {
  const names = await repo.namesOf(tx, corpId, { userids: b.senderUserids, departments: b.senderDepartments, tags: b.tagIds });
  const unknownStaff = b.senderUserids.filter((u) => !names.staff.has(u));
  const unknownDept = b.senderDepartments.filter((d) => !names.departments.has(String(d)));
  if (unknownStaff.length || unknownDept.length) throw new DomainError('moment_senders_unknown', [...unknownStaff, ...unknownDept].join(', '));
  const unknownTags = b.tagIds.filter((t) => !names.tags.has(t));
  if (unknownTags.length) throw new DomainError('moment_tags_unknown', unknownTags.join(', '));
}

export function createMomentsService(ctx: AppContext, connections: WecomConnections) {
  const { db } = ctx;
  const load = async (corpId: string, id: string) => {
    const m = await withCorp(db, corpId, (tx) => repo.findMoment(tx, corpId, id));
    if (!m) throw new DomainError('moment_not_found');
    return m;
  };

  return {
    async create(auth: AuthContext, b: CreateMomentBodyT): Promise<Moment> {
      const text = (b.text ?? '').trim();
      const materialIds = [...new Set(b.materialIds ?? [])];
      if (!text && !materialIds.length) throw new DomainError('moment_empty');
      if ([...text].length > MOMENT_TEXT_MAX) throw new DomainError('moment_text_too_long');
      const input = {
        text,
        materialIds,
        senderUserids: [...new Set(b.senderUserids ?? [])],
        senderDepartments: [...new Set(b.senderDepartments ?? [])],
        tagIds: [...new Set(b.tagIds ?? [])],
        createdBy: auth.userId,
      };
      return withCorp(db, auth.corpId, async (tx) => {
        await checkMaterialsAttachable(tx, auth.corpId, materialIds, 'moment');
        await checkTargets(tx, auth.corpId, input);
        const id = await repo.insertMoment(tx, auth.corpId, input);
        afterCommit(tx, auth.corpId, CREATE_EFFECT, `moment.create:${id}`, { momentId: id });
        return toMoment(tx, auth.corpId, (await repo.findMoment(tx, auth.corpId, id)) as repo.MomentRow);
      });
    },

    async list(auth: AuthContext, q: MomentListQueryT) {
      return withCorp(db, auth.corpId, async (tx) => {
        const { rows, total } = await repo.listMoments(tx, auth.corpId, q);
        const items: Moment[] = [];
        for (const r of rows) items.push(await toMoment(tx, auth.corpId, r));
        return { items, total };
      });
    },

    async get(auth: AuthContext, id: string): Promise<MomentDetail> {
      return withCorp(db, auth.corpId, async (tx) => {
        const m = await repo.findMoment(tx, auth.corpId, id);
        if (!m) throw new DomainError('moment_not_found');
        const interactions = await repo.interactionsOf(tx, auth.corpId, id);
        return {
          moment: await toMoment(tx, auth.corpId, m),
          staff: await repo.staffOf(tx, auth.corpId, id),
          interactions: interactions.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
        };
      });
    },

    /** Pulls the results again (a job); answers at once. */
    async requestSync(auth: AuthContext, id: string): Promise<{ queued: boolean }> {
      const m = await load(auth.corpId, id);
      if (!m.wecomMomentId) return { queued: false };
      // Not throttled: a pull asked for after a change must run even if one ran a moment ago (pulls are idempotent).
      await ctx.queue.send<SyncJob>(SYNC_QUEUE, { corpId: auth.corpId, momentId: id });
      return { queued: true };
    },

    /** A moment not yet sent is cancelled here; a created one in WeCom first (cancel_moment_task), then here. */
    async cancel(auth: AuthContext, id: string): Promise<Moment> {
      const m = await load(auth.corpId, id);
      if (m.status === 'queued' && (await withCorp(db, auth.corpId, (tx) => repo.setCanceled(tx, auth.corpId, id, ['queued'])))) {
        return this.get(auth, id).then((d) => d.moment);
      }
      if (m.status !== 'created' || !m.wecomMomentId) throw new DomainError('moment_not_cancelable', m.status);
      const wid = m.wecomMomentId;
      const client = await connections.contactClient(auth.corpId);
      await wecomCall({ rejected: 'moment_wecom_rejected' }, () => client.cancelMomentTask(wid));
      await withCorp(db, auth.corpId, (tx) => repo.setCanceled(tx, auth.corpId, id, ['created']));
      return this.get(auth, id).then((d) => d.moment);
    },
  };
}

export type MomentsService = ReturnType<typeof createMomentsService>;
