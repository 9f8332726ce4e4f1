// Decisions of the sidebar: every change a guide makes goes through the owning module's service with the guide's
// staff-scoped AuthContext (tags → WeCom mark_tag, stages, notes, alerts, SOP tasks), so nothing here bypasses their rules;
// a 48009 from WeCom on tagging becomes its own code, which the phone shows as a banner while the rest works.
import type { SidebarGroup, SidebarTagOptions } from '@siyu/contracts';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import type { AlertsService } from '../alerts';
import type { ProfileService } from '../customers';
import { finishSopTask } from '../sop';
import type { StagesService } from '../stages';
import type { TagsService } from '../tags';
import { asYours, toTimelineItems } from './customer-view';
import type { SidebarSession } from './sidebar-auth';
import * as repo from './sidebar.repo';

export type SidebarPorts = { tags: TagsService; stages: StagesService; profiles: ProfileService; alerts: AlertsService };

export function createSidebarService(ctx: AppContext, ports: SidebarPorts) {
  return {
    async tag(s: SidebarSession, customerId: string, add: string[], remove: string[]) {
      if (!add.length && !remove.length) throw new DomainError('invalid_request', 'nothing to add or remove');
      try {
        return await asYours(() => ports.tags.tagCustomer(s.auth, customerId, add, remove));
      } catch (err) {
        if (err instanceof DomainError && /errcode 48009\b/.test(err.message)) throw new DomainError('sidebar_tags_forbidden', err.message);
        throw err;
      }
    },

    moveStage: (s: SidebarSession, customerId: string, pipelineId: string, stageId: string) => asYours(() => ports.stages.move(s.auth, customerId, pipelineId, stageId)),

    addNote: (s: SidebarSession, customerId: string, content: string) => asYours(() => ports.profiles.addNote(s.auth, customerId, content)),

    /** Marks one of the guide's own open tasks done, an SOP task or an alert (another staff member's is not found). */
    async taskDone(s: SidebarSession, id: string) {
      if (await withCorp(ctx.db, s.corpId, (tx) => finishSopTask(tx, s.corpId, id, s.staffUserid))) return;
      try {
        await ports.alerts.setStatus(s.auth, id, 'done');
      } catch (err) {
        if (err instanceof DomainError && err.code === 'not_found') throw new DomainError('sidebar_task_gone');
        throw err;
      }
    },

    async timeline(s: SidebarSession, customerId: string, types: string | undefined) {
      const t = await asYours(() => ports.profiles.timeline(s.auth, customerId, { types, limit: 20 }));
      return { items: toTimelineItems(t.items), types: t.types };
    },

    async tagOptions(s: SidebarSession): Promise<SidebarTagOptions> {
      const groups = await ports.tags.list(s.auth);
      return { groups: groups.map((g) => ({ name: g.name, tags: g.tags.map((t) => ({ tagId: t.tagId, name: t.name })) })) };
    },

    async stageOptions(s: SidebarSession) {
      const pipelines = await ports.stages.list(s.auth);
      return { items: pipelines.map((p) => ({ id: p.id, name: p.name, stages: p.stages.map((st) => ({ id: st.id, name: st.name })) })) };
    },

    group: (s: SidebarSession, chatId: string): Promise<SidebarGroup> =>
      withCorp(ctx.db, s.corpId, async (tx) => {
        const g = await repo.groupOfStaff(tx, s.corpId, chatId, s.staffUserid);
        if (!g) throw new DomainError('sidebar_group_not_yours');
        const members = await repo.groupCustomers(tx, s.corpId, chatId, s.staffUserid);
        return { chatId: g.chatId, name: g.name, owner: g.ownerName ?? g.ownerUserid ?? '', memberCount: g.memberCount, tags: [], members };
      }),
  };
}

export type SidebarService = ReturnType<typeof createSidebarService>;
