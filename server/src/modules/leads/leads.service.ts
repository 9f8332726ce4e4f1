import type { AppContext } from '../../context';
import type { Distribution } from '../../db/schema-leads-fission';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { maskPhone } from '../../platform/policy/mask-phone';
import { ownScope } from '../../platform/policy/visible-scope';
import { distributeLeads } from './distribute-leads';
import { IMPORT_QUEUE, type ImportJob } from './import-leads.job';
import * as repo from './leads.repo';
import { storeLeadUpload } from './store-lead-upload';

export type DistributeInput = {
  mode: 'even' | 'weight';
  staff: Array<{ userid: string; weight?: number }>;
  deadlineHours: number;
  maxRounds?: number;
};


export function createLeadsService(ctx: AppContext) {
  const { db } = ctx;
  return {
    async startImport(auth: AuthContext, file: unknown, filename: string) {
      if (!Buffer.isBuffer(file))
        throw new DomainError(file === undefined || file === null ? 'lead_import_empty' : 'unsupported_media_type');
      if (file.length === 0) throw new DomainError('lead_import_empty');
      const batchId = await storeLeadUpload(ctx, auth.corpId, { filename, file, createdBy: auth.userId });
      await ctx.queue.send<ImportJob>(
        IMPORT_QUEUE,
        { corpId: auth.corpId, batchId },
        { singletonKey: `import:${batchId}` },
      );
      return { id: batchId };
    },

    listBatches: (auth: AuthContext) =>
      withCorp(db, auth.corpId, async (tx) => ({ items: await repo.listBatches(tx, auth.corpId, 100) })),

    async getBatch(auth: AuthContext, id: string) {
      return withCorp(db, auth.corpId, async (tx) => {
        const b = await repo.getBatch(tx, auth.corpId, id);
        if (!b) throw new DomainError('not_found');
        const leads = await repo.batchStatusCounts(tx, auth.corpId, id);
        const assignedEver = leads.assigned + leads.added;
        return {
          ...b,
          errors: await repo.errorSummary(tx, auth.corpId, id),
          leads,
          reclaimed: await repo.reclaimedCount(tx, auth.corpId, id),
          conversion: assignedEver ? leads.added / assignedEver : 0,
          reminders: await repo.reminderCounts(tx, auth.corpId, id),
        };
      });
    },

    async listErrors(auth: AuthContext, id: string, page: number, pageSize: number) {
      return withCorp(db, auth.corpId, async (tx) => {
        const b = await repo.getBatch(tx, auth.corpId, id);
        if (!b) throw new DomainError('not_found');
        const items = await repo.listErrors(tx, auth.corpId, id, page, pageSize);
        return { items: items.map((e) => ({ ...e, phone: maskPhone(e.phone, auth) })), total: b.failed };
      });
    },

    async distribute(auth: AuthContext, id: string, input: DistributeInput) {
      const d: Distribution = {
        mode: input.mode,
        staff: input.staff.map((s) => ({ userid: s.userid, weight: s.weight ?? 1 })),
        deadlineHours: input.deadlineHours,
        maxRounds: input.maxRounds ?? 3,
      };
      return distributeLeads(ctx, auth.corpId, id, d);
    },

    async list(auth: AuthContext, q: repo.LeadListQuery) {
      const scope = ownScope(auth);
      const res = await withCorp(db, auth.corpId, (tx) =>
        repo.listLeads(tx, auth.corpId, scope ? { ...q, staffUserid: scope } : q),
      );
      return { ...res, items: res.items.map((l) => ({ ...l, phone: maskPhone(l.phone, auth) })) };
    },

    async confirm(auth: AuthContext, id: string, externalUserid: string) {
      return withCorp(db, auth.corpId, async (tx) => {
        const lead = await repo.findLead(tx, auth.corpId, id);
        const scope = ownScope(auth);
        if (!lead || (scope && lead.staff_userid !== scope)) throw new DomainError('not_found');
        if (lead.status === 'added') throw new DomainError('lead_already_added');
        if (lead.status !== 'assigned' || !lead.staff_userid) throw new DomainError('lead_not_assigned');
        const f = await repo.liveFollow(tx, auth.corpId, externalUserid, lead.staff_userid);
        if (!f || f.deletedAt) throw new DomainError('lead_not_followed');
        await repo.confirmLead(tx, auth.corpId, id, { customerId: f.customerId, ext: externalUserid }, lead.round);
        return { id, status: 'added' as const, addedBy: 'manual' as const };
      });
    },

    staffConversion: (auth: AuthContext, batchId?: string) =>
      withCorp(db, auth.corpId, async (tx) => ({ items: await repo.staffConversion(tx, auth.corpId, batchId) })),
  };
}

export type LeadsService = ReturnType<typeof createLeadsService>;
