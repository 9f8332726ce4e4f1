// Composition of the profile side: events API, identities, profile and timeline, tags, stages, RFM, alerts,
// points and levels. Called once from app.ts, after the WeCom module exists and before the queue starts.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { createTicker } from '../../jobs/ticker';
import { registerAlertsRoutes } from '../alerts/alerts.routes';
import { createAlertsService } from '../alerts/alerts.service';
import { registerChurnListener } from '../alerts/churn.listener';
import { registerRepurchaseCyclesRoutes } from '../alerts/repurchase-cycles.routes';
import { createRepurchaseCyclesService } from '../alerts/repurchase-cycles.service';
import { createProfileScanner, SCAN_QUEUE, scanCorps, type ScanJob } from '../alerts/scan-profiles.job';
import { registerEventsRoutes } from '../events/events.routes';
import { createEventsService } from '../events/events.service';
import { registerIdentityListener } from '../identity/identity.listener';
import { registerProfileRoutes } from './profile.routes';
import { createProfileService } from './profile.service';
import { createStagesModule } from '../stages/stages.module';
import { BULK_TAG_QUEUE, runBulkTag, type BulkTagJob } from '../tags/bulk-tag.job';
import { registerTagsRoutes } from '../tags/tags.routes';
import { createTagsService } from '../tags/tags.service';
import type { WecomModule } from '../wecom/wecom.module';

export type ProfilesOptions = { scanEveryMs?: number };

export function registerProfilesModule(app: FastifyInstance, ctx: AppContext, wecom: WecomModule, options: ProfilesOptions = {}) {
  registerEventsRoutes(app, createEventsService(ctx));
  registerProfileRoutes(app, createProfileService(ctx));
  registerIdentityListener(wecom);
  registerTagsRoutes(app, createTagsService(ctx, wecom.connections, (corpId) => wecom.service.startRun(corpId, 'reconcile', 'repair')));
  const stages = createStagesModule(ctx);
  stages.registerRoutes(app);
  stages.registerListener();
  stages.registerJobs();
  ctx.queue.register<BulkTagJob>(BULK_TAG_QUEUE, (job) => runBulkTag(ctx, wecom.connections, job), { retryLimit: 5, retryDelaySeconds: 5, expireInSeconds: 3600 });
  registerAlertsRoutes(app, createAlertsService(ctx));
  registerRepurchaseCyclesRoutes(app, createRepurchaseCyclesService(ctx));
  registerChurnListener(ctx, wecom);
  const scanner = createProfileScanner(ctx, wecom.connections);
  ctx.queue.register<ScanJob>(SCAN_QUEUE, async (job) => void (await scanner.scan(job.corpId)), { retryLimit: 2, expireInSeconds: 1800 });

  const everyMs = options.scanEveryMs ?? 10 * 60_000;
  const tick = async () => {
    try {
      for (const corpId of await scanCorps(ctx)) await ctx.queue.send<ScanJob>(SCAN_QUEUE, { corpId }, { singletonKey: `scan:${corpId}` });
    } catch (err) {
      ctx.logger.warn({ err }, 'profiles scan schedule failed');
    }
  };
  const ticker = createTicker(everyMs, tick);
  return {
    /** After the queue started. */
    start() {
      ticker.start();
      stages.start();
    },
    stop() {
      ticker.stop();
      stages.stop();
    },
    scanNow: (corpId: string) => scanner.scan(corpId),
    stages,
  };
}

export type ProfilesModule = ReturnType<typeof registerProfilesModule>;
