// Composition of leads: routes, jobs (import, reminders, reclaim) and the reaction that matches new follows to leads.
import type { AppContext } from '../../context';
import type { SiyuModule } from '../../platform/module';
import type { WecomModule } from '../wecom';
import { RECLAIM_QUEUE, reclaimRound, REMIND_QUEUE, type RoundJob } from './distribute-leads';
import { IMPORT_QUEUE, importLeadBatch, type ImportJob } from './import-leads.job';
import { registerLeadsRoutes } from './leads.routes';
import { createLeadsService } from './leads.service';
import { matchLeadReactor } from './match-lead.listener';
import { sendLeadReminders } from './send-lead-reminders.job';

export function createLeadsModule(ctx: AppContext, wecom: WecomModule): SiyuModule {
  const service = createLeadsService(ctx);
  return {
    name: 'leads',
    menu: ['leads'],
    phase: matchLeadReactor.phase,
    on: matchLeadReactor.on,
    routes: (app) => registerLeadsRoutes(app, service),
    jobs(): void {
      ctx.queue.register<ImportJob>(IMPORT_QUEUE, (data) => importLeadBatch(ctx, data), {
        retryLimit: 3,
        expireInSeconds: 1800,
      });
      ctx.queue.register<RoundJob>(REMIND_QUEUE, (data) => sendLeadReminders(ctx, wecom.connections, data), {
        retryLimit: 5,
        expireInSeconds: 900,
      });
      ctx.queue.register<RoundJob>(RECLAIM_QUEUE, async (data) => void (await reclaimRound(ctx, data)), {
        retryLimit: 5,
      });
    },
  };
}
