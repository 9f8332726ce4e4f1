// The sidebar's customer view, assembled from the customers, membership and stages data the profile port returns
// (scoped to the staff member by the same visible-scope policy) plus this module's reads: the channel of this staff
// member's follow, the last orders, their open tasks and a short timeline.
import type { SidebarCustomer, SidebarTimelineItem } from '@siyu/contracts';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import type { ProfileService } from '../customers';
import type { SidebarSession } from './sidebar-auth';
import { openSopTasks } from '../sop';
import * as repo from './sidebar.repo';

const TIMELINE_SHORT = 10;

/** not_found from a port means "not this staff member's customer" here. */
export async function asYours<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') throw new DomainError('sidebar_customer_not_yours');
    throw err;
  }
}

function summaryOf(properties: unknown): string {
  if (!properties || typeof properties !== 'object') return '';
  const p = properties as Record<string, unknown>;
  for (const k of ['title', 'name', 'content', 'stageName', 'orderNo']) if (typeof p[k] === 'string' && p[k]) return String(p[k]).slice(0, 80);
  if (typeof p.amount === 'number' || typeof p.amount === 'string') return `¥${p.amount}`;
  return '';
}

export function toTimelineItems(items: Array<{ id: number; type: string; source: string; occurredAt: Date; properties: unknown }>): SidebarTimelineItem[] {
  return items.map((e) => ({ id: String(e.id), type: e.type, source: e.source, occurredAt: new Date(e.occurredAt).toISOString(), summary: summaryOf(e.properties) }));
}

export function createCustomerView(ctx: AppContext, profiles: ProfileService) {
  return {
    /** The customer the chat is with, by WeCom external_userid. */
    async byExternal(s: SidebarSession, externalUserid: string): Promise<SidebarCustomer> {
      const id = await withCorp(ctx.db, s.corpId, (tx) => repo.customerIdByExternal(tx, s.corpId, externalUserid));
      if (!id) throw new DomainError('sidebar_customer_not_yours');
      return this.byId(s, id);
    },

    async byId(s: SidebarSession, customerId: string): Promise<SidebarCustomer> {
      const p = await asYours(() => profiles.profile(s.auth, customerId));
      const [timeline, own] = await Promise.all([
        profiles.timeline(s.auth, p.id, { limit: TIMELINE_SHORT }),
        withCorp(ctx.db, s.corpId, async (tx) => {
          const follow = p.follows.find((f) => f.staffUserid === s.staffUserid && !f.deletedAt);
          const channel = await repo.channelNameOf(tx, s.corpId, follow?.state ?? null);
          const orders = await repo.lastOrders(tx, s.corpId, p.id);
          const alerts = await repo.openTasks(tx, s.corpId, p.id, s.staffUserid);
          const sop = await openSopTasks(tx, s.corpId, p.id, s.staffUserid);
          return { follow, channel, orders, alerts, sop };
        }),
      ]);
      return {
        id: p.id,
        externalUserid: p.attributes.externalUserid ?? '',
        name: p.attributes.name,
        avatar: p.attributes.avatar,
        remark: own.follow?.remark ?? '',
        channel: own.channel,
        tags: p.tags.map((t) => ({ tagId: t.tagId, name: t.name ?? t.tagId, groupName: t.groupName ?? '' })),
        pipelines: p.stages.map((st) => ({ id: st.pipelineId, name: st.pipelineName, stageId: st.stageId, stageName: st.stageName })),
        rfmClass: p.rfm?.class ?? null,
        points: p.membership.points,
        levelName: p.membership.levelName,
        orders: own.orders.map((o) => ({ ...o, placedAt: new Date(o.placedAt).toISOString() })),
        notes: p.notes.slice(0, 5).map((n) => ({ id: n.id, content: n.content, createdAt: new Date(n.createdAt).toISOString() })),
        tasks: [
          ...own.sop.map((t) => ({
            id: t.id,
            source: 'sop' as const,
            kind: t.kind,
            title: t.title,
            text: t.content?.text || null,
            materialIds: t.content?.materialIds ?? [],
            createdAt: new Date(t.createdAt).toISOString(),
          })),
          ...own.alerts.map((t) => ({ id: t.id, source: 'alert' as const, kind: t.kind, title: null, text: null, materialIds: [], createdAt: new Date(t.createdAt).toISOString() })),
        ],
        timeline: toTimelineItems(timeline.items),
        timelineTypes: timeline.types,
      };
    },
  };
}
