// Composition of segments: routes, refresh and tag-sync jobs, the schedule, and the customer-change reaction.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { createTicker } from '../../jobs/ticker';
import { withCorp } from '../../db/tenancy';
import { onCustomersChanged } from '../events/customer-changed';
import type { WecomModule } from '../wecom/wecom.module';
import {
  drainTagOutbox,
  refreshSegments,
  REFRESH_QUEUE,
  segmentCorps,
  TAG_SYNC_QUEUE,
  type RefreshJob,
  type TagSyncJob,
} from './refresh-segments.job';
import { createDefinitionsCache, reevaluateCustomer, reevaluateCustomers } from './reevaluate-customer';
import { registerSegmentsRoutes } from './segments.routes';
import { createSegmentsService } from './segments.service';

export type SegmentsModuleOptions = {
  /** Full recompute of every corp's active segments this often (time-dependent conditions). Default 15 min; 0 off. */
  refreshEveryMs?: number;
};

export function createSegmentsModule(ctx: AppContext, wecom: WecomModule, options: SegmentsModuleOptions = {}) {
  const service = createSegmentsService(ctx);
  const everyMs = options.refreshEveryMs ?? 15 * 60_000;
  let unsubscribe: (() => void) | null = null;
  const cache = createDefinitionsCache();

  const kickTagSync = (corpId: string) =>
    void ctx.queue
      .send<TagSyncJob>(TAG_SYNC_QUEUE, { corpId }, { singletonKey: corpId, startAfter: new Date(Date.now() + 1000) })
      .catch(() => {});

  async function scheduleAll(): Promise<void> {
    try {
      for (const corpId of await segmentCorps(ctx)) {
        await ctx.queue.send<RefreshJob>(
          REFRESH_QUEUE,
          { corpId, trigger: 'schedule' },
          { singletonKey: `refresh:${corpId}` },
        );
      }
    } catch (err) {
      ctx.logger.warn({ err }, 'segments schedule failed');
    }
  }

  const ticker = createTicker(everyMs, scheduleAll);

  return {
    service,
    registerRoutes(app: FastifyInstance): void {
      registerSegmentsRoutes(app, service);
    },
    registerJobs(): void {
      ctx.queue.register<RefreshJob>(REFRESH_QUEUE, async (job) => void (await refreshSegments(ctx, job)), {
        expireInSeconds: 3600,
        retryLimit: 3,
      });
      ctx.queue.register<TagSyncJob>(
        TAG_SYNC_QUEUE,
        async (job) => void (await drainTagOutbox(ctx, wecom.connections, job.corpId)),
        {
          expireInSeconds: 1800,
          retryLimit: 3,
          retryDelaySeconds: 30,
        },
      );
      // A change to one customer (event, tag, attribute, stage) re-evaluates them in the writer's transaction.
      unsubscribe = onCustomersChanged(async (tx, corpId, customerIds, reason) => {
        if (reason === 'segment') return;
        const res = await reevaluateCustomers(tx, corpId, customerIds, { cache });
        if (res.dynamicTagsChanged) kickTagSync(corpId);
      });
      // Follows written by WeCom callbacks (new friend with a channel state, deletions, tags edited in WeCom).
      wecom.listeners.add({
        name: 'segments',
        inTx: async (tx, corpId, event) => {
          if (!('externalUserId' in event) || !event.externalUserId) return;
          const c = await tx
            .selectFrom('customers')
            .select('id')
            .where('corp_id', '=', corpId)
            .where('external_userid', '=', event.externalUserId)
            .executeTakeFirst();
          if (!c) return;
          const res = await reevaluateCustomer(tx, corpId, c.id, { cache });
          if (res.dynamicTagsChanged) kickTagSync(corpId);
        },
      });
    },
    start: () => ticker.start(),
    stop(): void {
      ticker.stop();
      unsubscribe?.();
      unsubscribe = null;
    },
    /** For tests and the demo: recompute now, in-process. */
    refreshNow: (corpId: string, segmentId?: string) => refreshSegments(ctx, { corpId, segmentId, trigger: 'manual' }),
    drainTagsNow: (corpId: string) => drainTagOutbox(ctx, wecom.connections, corpId),
    reevaluate: (corpId: string, customerId: string) =>
      withCorp(ctx.db, corpId, (tx) => reevaluateCustomer(tx, corpId, customerId, { cache })),
  };
}

export type SegmentsModule = ReturnType<typeof createSegmentsModule>;
