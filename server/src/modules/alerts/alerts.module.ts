// Composition of alerts (流失预警 / 复购提醒): routes, repurchase cycles, the churn reaction to deleted follows, and
// the scan job (with its schedule) that raises inactivity, repurchase and at-risk alerts.
import type { AppContext } from '../../context';
import { createTicker } from '../../jobs/ticker';
import type { SiyuModule } from '../../platform/module';
import type { WecomModule } from '../wecom';
import { registerAlertsRoutes } from './alerts.routes';
import { createAlertsService } from './alerts.service';
import { churnReactor } from './churn.listener';
import { registerRepurchaseCyclesRoutes } from './repurchase-cycles.routes';
import { createRepurchaseCyclesService } from './repurchase-cycles.service';
import { createProfileScanner, SCAN_QUEUE, scanCorps, type ScanJob } from './scan-profiles.job';

export type AlertsOptions = { scanEveryMs?: number };

export function createAlertsModule(ctx: AppContext, wecom: WecomModule, options: AlertsOptions = {}) {
  const scanner = createProfileScanner(ctx, wecom.connections);
  const churn = churnReactor(ctx, wecom.connections);
  const ticker = createTicker(options.scanEveryMs ?? 10 * 60_000, async () => {
    try {
      for (const corpId of await scanCorps(ctx)) await ctx.queue.send<ScanJob>(SCAN_QUEUE, { corpId }, { singletonKey: `scan:${corpId}` });
    } catch (err) {
      ctx.logger.warn({ err }, 'alerts scan schedule failed');
    }
  });
  return {
    name: 'alerts',
    menu: ['alerts'],
    phase: churn.phase,
    on: churn.on,
    effects: churn.effects,
    routes(app) {
      registerAlertsRoutes(app, createAlertsService(ctx));
      registerRepurchaseCyclesRoutes(app, createRepurchaseCyclesService(ctx));
    },
    jobs: () => ctx.queue.register<ScanJob>(SCAN_QUEUE, async (job) => void (await scanner.scan(job.corpId)), { retryLimit: 2, expireInSeconds: 1800 }),
    start: () => ticker.start(),
    stop: () => ticker.stop(),
    /** For tests and the demo: scan one corp now, in-process. */
    scanNow: (corpId: string) => scanner.scan(corpId),
  } satisfies SiyuModule & Record<string, unknown>;
}

export type AlertsModule = ReturnType<typeof createAlertsModule>;
