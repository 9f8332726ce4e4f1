// Composition of segments: routes, refresh and tag-sync jobs, the schedule, and the `derive` step that keeps every
// changed customer's segments and dynamic tags current in the transaction that changed them.
import type { AppContext } from '../../context';
import { createTicker } from '../../jobs/ticker';
import { withCorp } from '../../db/tenancy';
import { afterCommit, skippingUnreadFacts } from '../../platform/events';
import type { SiyuModule } from '../../platform/module';
import type { WecomModule } from '../wecom';
import { drainTagOutbox } from './drain-tag-outbox';
import { markFullRecomputeDue } from './segments.repo';
import {
  refreshSegments,
  REFRESH_QUEUE,
  segmentCorps,
  TAG_SYNC_QUEUE,
  type RefreshJob,
  type TagSyncJob,
} from './refresh-segments.job';
import { createDefinitionsCache, reevaluateCustomer, reevaluateCustomers, segmentEventTypes } from './reevaluate-customer';
import { registerSegmentsRoutes } from './segments.routes';
import { createSegmentsService } from './segments.service';

export type SegmentsModuleOptions = {
  /** Full recompute of every corp's active segments this often (time-dependent conditions). Default 15 min; 0 off. */
  refreshEveryMs?: number;
};

export function createSegmentsModule(ctx: AppContext, wecom: WecomModule, options: SegmentsModuleOptions = {}) {
  const service = createSegmentsService(ctx);
  const everyMs = options.refreshEveryMs ?? 15 * 60_000;
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
    name: 'segments',
    menu: ['segments'],
    service,
    routes: (app) => registerSegmentsRoutes(app, service),
    jobs(): void {
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
    },
    start: () => ticker.start(),
    stop(): void {
      ticker.stop();
    },
    /**
     * Changed customers (anything but their own segment moves) are re-evaluated against every active segment; those
     * a mass message only reached are left out while no rule reads `broadcast_sent` (skippingUnreadFacts).
     */
    phase: 'derive',
    // A WeCom full sync writes follows, tags and groups in bulk, with no fact per customer: the next scheduled pass
    // recomputes every segment over every customer (recompute-scope.ts).
    on: { 'wecom.synced': async (tx, corpId) => markFullRecomputeDue(tx, corpId) },
    effects: { 'segments.tag-sync': async (corpId) => kickTagSync(corpId) }, // once, however many asked
    derive: skippingUnreadFacts(
      (tx, corpId) => segmentEventTypes(tx, corpId, cache),
      async (tx, corpId, changes) => {
        const ids = [...changes].filter(([, types]) => [...types].some((t) => t !== 'segment.entered' && t !== 'segment.exited')).map(([id]) => id);
        if (ids.length === 0) return;
        const res = await reevaluateCustomers(tx, corpId, ids, { cache });
        if (res.dynamicTagsChanged) afterCommit(tx, corpId, 'segments.tag-sync', `segments.tag-sync:${Date.now()}`, {});
      },
    ),
    /** For tests and the demo: recompute now, in-process. */
    refreshNow: (corpId: string, segmentId?: string) => refreshSegments(ctx, { corpId, segmentId, trigger: 'manual' }),
    drainTagsNow: (corpId: string) => drainTagOutbox(ctx, wecom.connections, corpId),
    reevaluate: (corpId: string, customerId: string) =>
      withCorp(ctx.db, corpId, (tx) => reevaluateCustomer(tx, corpId, customerId, { cache })),
  } satisfies SiyuModule & Record<string, unknown>;
}

export type SegmentsModule = ReturnType<typeof createSegmentsModule>;
