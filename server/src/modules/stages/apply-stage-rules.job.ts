// Applies a pipeline's stage rules to every customer of the corp, forward only: stages from the last to the first,
// each stage's candidates listed by one set statement, then moved CHUNK at a time, one transaction each, so the
// console sees progress and locks stay short. A retried job resumes at the stage it stopped in: customers already
// moved are no longer candidates. Asked for in the console (every rule), and run on a schedule (rules the clock can
// make match someone new: rule-reads-clock.ts). Each rule done is marked with the form it was applied in.
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context';
import { prepareRuleScan } from '../../db/rule-scan';
import type { DB } from '../../db/schema';
import { ruleForm } from '@siyu/contracts';
import { withCorp } from '../../db/tenancy';
import { advanceToStage, loadStageRules, stageCandidates, type StageRule } from './advance-by-rules';
import { markRuleApplied, appliedRuleForms } from './rule-applied.repo';
import { rulesForScheduledRun, segmentsReferred } from './rule-reads-clock';
import { findRun, updateRun, type StageRuleRun } from './stage-rule-runs.repo';

export const APPLY_RULES_QUEUE = 'stages.apply-rules';
export const APPLY_RULES_RETRIES = 2;
export type ApplyRulesJob = { corpId: string; runId: string };

const CHUNK = 2000;

/** A rule as it was applied: the same stage with a changed rule is another rule. */
const ruleKey = (r: StageRule) => `${r.id}:${JSON.stringify(r.rule)}`;
/** Last stage first: a customer a later stage takes is no candidate for an earlier one. */
const sortRules = (rules: StageRule[]) => rules.sort((a, b) => b.sortOrder - a.sortOrder);

/** Returns the finished run, or null when there was nothing to do (pipeline deleted, run already finished). */
export async function applyStageRules(db: Kysely<DB>, job: ApplyRulesJob, attempt = { retryCount: 0 }): Promise<StageRuleRun | null> {
  const { corpId } = job;
  const run = await withCorp(db, corpId, (tx) => findRun(tx, corpId, job.runId));
  if (!run || run.status === 'done' || run.status === 'failed') return null;

  const pipelineId = run.pipelineId;
  const save = (patch: Parameters<typeof updateRun>[3]) => withCorp(db, corpId, (tx) => updateRun(tx, corpId, run.id, patch));
  try {
    // A scheduled run re-applies only the rules the clock can make match someone new. A retry filters alike, so that
    // `done` still counts: the rules this run has already applied (and marked) stay in its list.
    let rules = sortRules(
      await withCorp(db, corpId, async (tx) => {
        const all = await loadStageRules(tx, corpId, pipelineId);
        if (run.trigger !== 'schedule') return all;
        const applied = await appliedRuleForms(tx, corpId, pipelineId);
        for (const s of run.stages) applied.delete(s.stageId);
        return rulesForScheduledRun(tx, corpId, all, applied);
      }),
    );
    const stages = [...run.stages];
    let moved = run.moved;
    await save({ status: 'running', total: rules.length, error: null });
    for (let i = Math.min(run.done, rules.length); ; i++) {
      if (i >= rules.length) {
        if (run.trigger === 'schedule') break;
        // A rule saved while this run was under way (its save found this run and kept it) is applied before the run
        // ends, or the customers already there would not reach it. Checked under the pipeline's lock, as a save
        // checks for a run: a rule saved after this finds the run done and starts its own.
        const applied = new Set(rules.map(ruleKey));
        const added = await withCorp(db, corpId, async (tx) => {
          await tx.selectFrom('pipelines').select('id').where('corp_id', '=', corpId).where('id', '=', pipelineId).forUpdate().execute();
          const more = sortRules((await loadStageRules(tx, corpId, pipelineId)).filter((r) => !applied.has(ruleKey(r))));
          if (more.length === 0) await updateRun(tx, corpId, run.id, { status: 'done', finished: true });
          return more;
        });
        if (added.length === 0) return await withCorp(db, corpId, (tx) => findRun(tx, corpId, run.id));
        rules = [...rules, ...added];
        await save({ total: rules.length });
      }
      const rule = rules[i];
      const { candidates, form } = await withCorp(db, corpId, async (tx) => {
        await prepareRuleScan(tx, '64MB');
        const segments = await segmentsReferred(tx, corpId, [rule]);
        return { candidates: await stageCandidates(tx, corpId, pipelineId, rule), form: ruleForm(rule.rule, segments) };
      });
      stages[i] ??= { stageId: rule.id, moved: 0 };
      for (let at = 0; at < candidates.length; at += CHUNK) {
        const n = await withCorp(db, corpId, async (tx) => {
          const count = await advanceToStage(tx, corpId, pipelineId, rule.id, candidates.slice(at, at + CHUNK));
          const nextStages = stages.map((s, k) => (k === i ? { ...s, moved: s.moved + count } : s));
          await updateRun(tx, corpId, run.id, { moved: moved + count, stages: nextStages });
          return count;
        });
        stages[i] = { ...stages[i], moved: stages[i].moved + n };
        moved += n;
      }
      await withCorp(db, corpId, async (tx) => {
        await markRuleApplied(tx, corpId, rule.id, rule.rule, form);
        await updateRun(tx, corpId, run.id, { done: i + 1, stages });
      });
    }
    await save({ status: 'done', finished: true });
    return await withCorp(db, corpId, (tx) => findRun(tx, corpId, run.id));
  } catch (err) {
    const last = attempt.retryCount >= APPLY_RULES_RETRIES;
    const error = String((err as Error).message).slice(0, 500);
    await save(last ? { status: 'failed', error, finished: true } : { error }).catch(() => undefined);
    throw err;
  }
}

export async function rulePipelines(ctx: AppContext): Promise<Array<{ corpId: string; pipelineId: string }>> {
  const { rows } = await sql<{ corp_id: string; pipeline_id: string }>`SELECT corp_id, pipeline_id FROM siyu_rule_pipelines()`.execute(ctx.db);
  return rows.map((r) => ({ corpId: r.corp_id, pipelineId: r.pipeline_id }));
}
