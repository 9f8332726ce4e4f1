// Composition of stages: routes, the `derive` step that advances changed customers by stage entry rules, and the
// job (with its schedule) that applies a pipeline's rules to every customer.
import type { AppContext } from '../../context';
import { createTicker } from '../../jobs/ticker';
import { skippingUnreadFacts } from '../../platform/events';
import type { SiyuModule } from '../../platform/module';
import { advanceCustomers, stageRuleEventTypes } from './advance-by-rules';
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
    name: 'stages',
    menu: ['stages'],
    service,
    routes: (app) => registerStagesRoutes(app, service),
    /**
     * Changed customers move forward by the rules; after nothing but a stage change, only rules that read stages; those
     * a mass message only reached are left out while no rule reads `broadcast_sent` (skippingUnreadFacts).
     */
    phase: 'derive',
    derive: skippingUnreadFacts(stageRuleEventTypes, async (tx, corpId, changes) => {
      const all: string[] = [];
      const stageOnly: string[] = [];
      for (const [id, types] of changes) ([...types].every((t) => t === 'stage.changed') ? stageOnly : all).push(id);
      await advanceCustomers(tx, corpId, all);
      await advanceCustomers(tx, corpId, stageOnly, { onlyStageRules: true });
    }),
    jobs(): void {
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
    },
    /** For tests: what the schedule does, now. */
    scheduleRuns,
  } satisfies SiyuModule & Record<string, unknown>;
}

export type StagesModule = ReturnType<typeof createStagesModule>;
