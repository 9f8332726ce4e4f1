// Starts applying a pipeline's stage rules: one run at a time per pipeline (a second request gets the run under
// way), recorded before its job is queued so the console can follow it from the first moment.
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { APPLY_RULES_QUEUE, type ApplyRulesJob } from './apply-stage-rules.job';
import { activeRun, createRun, updateRun, type StageRuleRun } from './stage-rule-runs.repo';

export async function startStageRuleRun(
  ctx: AppContext,
  input: { corpId: string; pipelineId: string; trigger: StageRuleRun['trigger']; createdBy: string | null },
): Promise<{ run: StageRuleRun; started: boolean }> {
  const { corpId } = input;
  const res = await withCorp(ctx.db, corpId, async (tx) => {
    // Two requests at once: the pipeline row lock makes the second one see the first one's run.
    await tx.selectFrom('pipelines').select('id').where('corp_id', '=', corpId).where('id', '=', input.pipelineId).forUpdate().execute();
    const active = await activeRun(tx, corpId, input.pipelineId);
    if (active) return { run: active, started: false };
    return { run: await createRun(tx, corpId, input.pipelineId, input.trigger, input.createdBy), started: true };
  });
  if (!res.started) return res;
  try {
    await ctx.queue.send<ApplyRulesJob>(APPLY_RULES_QUEUE, { corpId, runId: res.run.id });
  } catch (err) {
    await withCorp(ctx.db, corpId, (tx) => updateRun(tx, corpId, res.run.id, { status: 'failed', error: 'could not queue the job', finished: true }));
    throw err;
  }
  return res;
}
