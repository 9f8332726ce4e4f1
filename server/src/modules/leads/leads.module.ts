// Composition of leads: routes, jobs (import, reminders, reclaim) and the follow listener.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import type { WecomModule } from '../wecom/wecom.module';
import { RECLAIM_QUEUE, reclaimRound, REMIND_QUEUE, type RoundJob } from './distribute-leads';
import { IMPORT_QUEUE, importLeadBatch, type ImportJob } from './import-leads.job';
import { registerLeadsRoutes } from './leads.routes';
import { createLeadsService } from './leads.service';
import { matchLeadListener } from './match-lead.listener';
import { sendLeadReminders } from './send-lead-reminders.job';

export function createLeadsModule(ctx: AppContext, wecom: WecomModule) {
  const service = createLeadsService(ctx);
  wecom.listeners.add(matchLeadListener);
  return {
    service,
    registerRoutes: (app: FastifyInstance) => registerLeadsRoutes(app, service),
    registerJobs(): void {
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
