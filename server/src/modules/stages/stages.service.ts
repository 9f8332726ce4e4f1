import type { AppContext } from '../../context';
import { withCorp, type Tx } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { writeAudit } from '../audit';
import { visibleCustomerId } from '../customers';
import type { Rule } from '@siyu/contracts';
import { prepareRule } from '../segments';
import { loadStageRules } from './advance-by-rules';
import { findRun, recentRuns } from './stage-rule-runs.repo';
import { startStageRuleRun } from './start-stage-rule-run';
import { refersToStage } from './stage-rule-cycle';
import * as repo from './stages.repo';

export type StageInput = { name: string; dwellDays?: number | null; remindHour?: number | null; rule?: unknown };
export type StagePatch = { name?: string; dwellDays?: number | null; remindHour?: number | null; rule?: unknown };

/**
 * An entry rule as the segments check it (shape, operands, tag and segment references); null clears it.
 * `stageId` is the stage being edited: a rule that refers back to it (directly or through segments) is refused.
 */
async function checkStageRule(tx: Tx, corpId: string, input: unknown, stageId?: string): Promise<Rule | null> {
  if (input === null || input === undefined) return null;
  const { rule, segments } = await prepareRule(tx, corpId, input);
  if (stageId && refersToStage(rule, segments, stageId)) throw new DomainError('stage_rule_cycle', `the rule refers to stage ${stageId} itself (cycle)`);
  return rule;
}

async function stageInput(tx: Tx, corpId: string, s: StageInput): Promise<repo.StageInput> {
  return { name: s.name, dwellDays: s.dwellDays, remindHour: s.remindHour, rule: await checkStageRule(tx, corpId, s.rule) };
}

export function createStagesService(ctx: AppContext) {
  const { db } = ctx;
  const inCorp = <T>(auth: AuthContext, fn: (tx: Tx) => Promise<T>) => withCorp(db, auth.corpId, fn);
  const audit = (tx: Tx, auth: AuthContext, action: string, target: string, detail?: Record<string, unknown>) =>
    writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action, target, detail });

  async function pipelineOrThrow(tx: Tx, corpId: string, id: string) {
    const p = await repo.findPipeline(tx, corpId, id);
    if (!p) throw new DomainError('not_found');
    return p;
  }

  /**
   * A saved rule applies to the customers already there: the scheduled run re-applies only rules that depend on
   * time, so a new or changed rule (in a new pipeline too) starts a run of its pipeline now. One run at a time: a run
   * under way is kept, and applies the rules saved meanwhile before it ends (apply-stage-rules.job.ts).
   */
  const applySavedRule = async (auth: AuthContext, pipelineId: string) => {
    try {
      await startStageRuleRun(ctx, { corpId: auth.corpId, pipelineId, trigger: 'manual', createdBy: auth.userId });
    } catch (err) {
      ctx.logger.warn({ err, pipelineId }, 'could not start applying a saved stage rule; the apply button or the next change of each customer will');
    }
  };

  return {
    list: (auth: AuthContext) => inCorp(auth, (tx) => repo.listPipelines(tx, auth.corpId)),

    createPipeline: async (auth: AuthContext, input: { name: string; stages: StageInput[] }) => {
      const p = await inCorp(auth, async (tx) => {
        const stages: repo.StageInput[] = [];
        for (const s of input.stages) stages.push(await stageInput(tx, auth.corpId, s));
        const created = await repo.insertPipeline(tx, auth.corpId, input.name);
        for (const s of stages) await repo.insertStage(tx, auth.corpId, created.id, s);
        await audit(tx, auth, 'pipeline.create', created.id, { name: input.name });
        return created;
      });
      if (input.stages.some((s) => s.rule)) await applySavedRule(auth, p.id);
      return p;
    },

    updatePipeline: (auth: AuthContext, id: string, name: string) =>
      inCorp(auth, async (tx) => {
        const r = await repo.renamePipeline(tx, auth.corpId, id, name);
        if (!r) throw new DomainError('not_found');
        await audit(tx, auth, 'pipeline.update', id, { name });
      }),

    deletePipeline: (auth: AuthContext, id: string) =>
      inCorp(auth, async (tx) => {
        const r = await repo.deletePipeline(tx, auth.corpId, id);
        if (!r) throw new DomainError('not_found');
        await audit(tx, auth, 'pipeline.delete', id);
      }),

    addStage: async (auth: AuthContext, pipelineId: string, input: StageInput) => {
      const s = await inCorp(auth, async (tx) => {
        await pipelineOrThrow(tx, auth.corpId, pipelineId);
        const s = await repo.insertStage(tx, auth.corpId, pipelineId, await stageInput(tx, auth.corpId, input));
        await audit(tx, auth, 'stage.create', s.id, { pipelineId, name: input.name, rule: input.rule !== undefined && input.rule !== null });
        return s;
      });
      if (input.rule) await applySavedRule(auth, pipelineId);
      return s;
    },

    updateStage: async (auth: AuthContext, id: string, patch: StagePatch) => {
      const pipelineId = await inCorp(auth, async (tx) => {
        const set: repo.StageSet = {};
        if (patch.name !== undefined) set.name = patch.name;
        if (patch.dwellDays !== undefined) set.dwell_days = patch.dwellDays;
        if (patch.remindHour !== undefined) set.remind_hour = patch.remindHour;
        const stage = await repo.findStage(tx, auth.corpId, id);
        if (!stage) throw new DomainError('not_found');
        if (patch.rule !== undefined) {
          const rule = await checkStageRule(tx, auth.corpId, patch.rule, id);
          set.rule = rule ? JSON.stringify(rule) : null;
        }
        if (Object.keys(set).length) await repo.updateStage(tx, auth.corpId, id, set);
        await audit(tx, auth, 'stage.update', id, patch);
        return stage.pipeline_id;
      });
      if (patch.rule) await applySavedRule(auth, pipelineId);
    },

    reorder: (auth: AuthContext, pipelineId: string, stageIds: string[]) =>
      inCorp(auth, async (tx) => {
        await pipelineOrThrow(tx, auth.corpId, pipelineId);
        const ids = new Set(await repo.pipelineStageIds(tx, auth.corpId, pipelineId));
        if (stageIds.length !== ids.size || stageIds.some((s) => !ids.has(s))) throw new DomainError('invalid_request', 'stageIds must list every stage of the pipeline once');
        await repo.reorderStages(tx, auth.corpId, stageIds);
        await audit(tx, auth, 'pipeline.reorder', pipelineId, { stageIds });
      }),

    /** Deletes a stage; customers in it move to `reassignTo` (required when there are any). */
    deleteStage: (auth: AuthContext, id: string, reassignTo: string | undefined) =>
      inCorp(auth, async (tx) => {
        const stage = await repo.findStage(tx, auth.corpId, id);
        if (!stage) throw new DomainError('not_found');
        const inStage = await repo.customersInStage(tx, auth.corpId, id);
        if (inStage.length) {
          if (!reassignTo || reassignTo === id) throw new DomainError('stage_reassign_required');
          const target = await repo.findStage(tx, auth.corpId, reassignTo);
          if (!target || target.pipeline_id !== stage.pipeline_id) throw new DomainError('not_found', 'reassignment stage');
          await repo.moveCustomers(tx, auth.corpId, stage.pipeline_id, inStage, reassignTo, auth.userId, 'reassign');
        }
        await repo.deleteStage(tx, auth.corpId, id);
        await audit(tx, auth, 'stage.delete', id, { reassignTo: reassignTo ?? null, moved: inStage.length });
        return { moved: inStage.length };
      }),

    /** Manual move of one customer within a pipeline; stageId null takes them out of it. */
    move: (auth: AuthContext, customerId: string, pipelineId: string, stageId: string | null) =>
      inCorp(auth, async (tx) => {
        const id = await visibleCustomerId(tx, auth, customerId);
        await pipelineOrThrow(tx, auth.corpId, pipelineId);
        if (stageId) {
          const s = await repo.findStage(tx, auth.corpId, stageId);
          if (!s || s.pipeline_id !== pipelineId) throw new DomainError('not_found', 'stage');
        }
        const moved = await repo.moveCustomers(tx, auth.corpId, pipelineId, [id], stageId, auth.userId, 'manual');
        if (moved.length) {
          await audit(tx, auth, 'customer.stage', id, { pipelineId, from: moved[0].fromStageId, to: stageId });
        }
        return { moved: moved.length > 0 };
      }),

    /** Starts applying the pipeline's entry rules to every customer (a job, forward only); answers with its run. */
    async applyRules(auth: AuthContext, pipelineId: string) {
      await inCorp(auth, async (tx) => {
        await pipelineOrThrow(tx, auth.corpId, pipelineId);
        if ((await loadStageRules(tx, auth.corpId, pipelineId)).length === 0) throw new DomainError('stage_rules_none');
      });
      const { run, started } = await startStageRuleRun(ctx, { corpId: auth.corpId, pipelineId, trigger: 'manual', createdBy: auth.userId });
      if (started) await inCorp(auth, (tx) => audit(tx, auth, 'pipeline.apply_rules', pipelineId, { runId: run.id }));
      return run;
    },

    ruleRun: (auth: AuthContext, runId: string) =>
      inCorp(auth, async (tx) => {
        const run = await findRun(tx, auth.corpId, runId);
        if (!run) throw new DomainError('not_found');
        return run;
      }),

    ruleRuns: (auth: AuthContext, pipelineId: string) =>
      inCorp(auth, async (tx) => {
        await pipelineOrThrow(tx, auth.corpId, pipelineId);
        return { items: await recentRuns(tx, auth.corpId, pipelineId, 10) };
      }),

    funnel: (auth: AuthContext, pipelineId: string) =>
      inCorp(auth, async (tx) => {
        await pipelineOrThrow(tx, auth.corpId, pipelineId);
        return { stages: await repo.funnel(tx, auth.corpId, pipelineId) };
      }),

    history: (auth: AuthContext, customerId: string) =>
      inCorp(auth, async (tx) => ({ items: await repo.stageHistory(tx, auth.corpId, await visibleCustomerId(tx, auth, customerId)) })),
  };
}

export type StagesService = ReturnType<typeof createStagesService>;
