// Composition of stages: routes, the customer-change reaction that advances customers by stage entry rules, and the
// job (with its schedule) that applies a pipeline's rules to every customer.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { createTicker } from '../../jobs/ticker';
import { onCustomersChanged } from '../events/customer-changed';
import { advanceCustomers, isAnnouncingRuleMoves } from './advance-by-rules';
import { APPLY_RULES_QUEUE, APPLY_RULES_RETRIES, applyStageRules, rulePipelines, type ApplyRulesJob } from './apply-stage-rules.job';
import { startStageRuleRun } from './start-stage-rule-run';
import { registerStagesRoutes } from './stages.routes';
import { createStagesService } from './stages.service';

export type StagesModuleOptions = {
  /** Re-apply every pipeline's rules this often (conditions that change with time). Default 15 min; 0 off. */
  ruleRefreshEveryMs?: number;
};

export function createStagesModule(ctx: AppContext, options: StagesModuleOptions = {}) {
  const service = createStagesService(ctx);
  const everyMs = options.ruleRefreshEveryMs ?? 15 * 60_000;
  let unsubscribe: (() => void) | null = null;

  /** Starts a scheduled run for every pipeline that has a stage rule and no run under way; returns how many. */
  async function scheduleRuns(): Promise<number> {
    let started = 0;
    try {
      for (const p of await rulePipelines(ctx)) {
        const res = await startStageRuleRun(ctx, { ...p, trigger: 'schedule', createdBy: null });
        if (res.started) started++;
      }
    } catch (err) {
      ctx.logger.warn({ err }, 'stage rules schedule failed');
    }
    return started;
  }

  const ticker = createTicker(everyMs, scheduleRuns);

  return {
    service,
    registerRoutes(app: FastifyInstance): void {
      registerStagesRoutes(app, service);
    },
    /** Runs in the writer's transaction; our own rule moves are announced as 'stage' and not reacted to here. */
    registerListener(): void {
      unsubscribe ??= onCustomersChanged(async (tx, corpId, customerIds, reason) => {
        if (reason === 'stage' && isAnnouncingRuleMoves(tx)) return;
        await advanceCustomers(tx, corpId, customerIds, { onlyStageRules: reason === 'stage' });
      });
    },
    registerJobs(): void {
      ctx.queue.register<ApplyRulesJob>(APPLY_RULES_QUEUE, async (job, meta) => void (await applyStageRules(ctx.db, job, meta)), {
        retryLimit: APPLY_RULES_RETRIES,
        retryDelaySeconds: 10,
        expireInSeconds: 3600,
      });
    },
    /** After the queue started. */
    start: () => ticker.start(),
    stop(): void {
      ticker.stop();
      unsubscribe?.();
      unsubscribe = null;
    },
    /** For tests: what the schedule does, now. */
    scheduleRuns,
  };
}

export type StagesModule = ReturnType<typeof createStagesModule>;
