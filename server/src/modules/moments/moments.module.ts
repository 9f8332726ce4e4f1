// Composition of moments: routes, the effect that sends a moment to WeCom, the jobs that follow WeCom's task and
// pull results, and a ticker that pulls results of the last 3 days' moments every 10 minutes.
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { createTicker } from '../../jobs/ticker';
import { oneByOne } from '../../platform/events';
import type { SiyuModule } from '../../platform/module';
import { connectedCorpIds, type WecomModule } from '../wecom';
import { createMomentEffect, FOLLOW_QUEUE, type FollowJob } from './create-moment';
import { followMomentJob, SYNC_QUEUE, type SyncJob } from './follow-moment.job';
import * as repo from './moments.repo';
import { registerMomentsRoutes } from './moments.routes';
import { CREATE_EFFECT, createMomentsService } from './moments.service';
import { syncMomentJob } from './sync-moment.job';

const RESYNC_DAYS = 3;

export function createMomentsModule(ctx: AppContext, wecom: WecomModule, options: { tickMs?: number } = {}): SiyuModule {
  const service = createMomentsService(ctx, wecom.connections);
  const ticker = createTicker(options.tickMs ?? 600_000, async () => {
    try {
      const since = new Date(Date.now() - RESYNC_DAYS * 86_400_000);
      for (const corpId of await connectedCorpIds(ctx.db)) {
        for (const momentId of await withCorp(ctx.db, corpId, (tx) => repo.recentCreated(tx, corpId, since))) {
          await ctx.queue.send<SyncJob>(SYNC_QUEUE, { corpId, momentId }, { singletonKey: `sync:${momentId}`, singletonSeconds: 60 });
        }
      }
    } catch (err) {
      ctx.logger.warn({ err }, 'moment results tick failed');
    }
  });
  return {
    name: 'moments',
    menu: ['moments'],
    effects: { [CREATE_EFFECT]: oneByOne(createMomentEffect(ctx, wecom.connections)) },
    routes: (app) => registerMomentsRoutes(app, service),
    jobs(): void {
      ctx.queue.register<FollowJob>(FOLLOW_QUEUE, followMomentJob(ctx, wecom.connections), { retryLimit: 5, expireInSeconds: 120 });
      ctx.queue.register<SyncJob>(SYNC_QUEUE, syncMomentJob(ctx, wecom.connections), { retryLimit: 3, expireInSeconds: 900 });
    },
    start: () => ticker.start(),
    stop: () => ticker.stop(),
  };
}
