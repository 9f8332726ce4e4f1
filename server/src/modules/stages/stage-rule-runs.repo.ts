// Runs of "apply a pipeline's stage rules to every customer": created by a request or by the schedule, advanced by
// the job, read by the console for its progress bar.
import type { Tx } from '../../db/tenancy';

export type StageRuleRun = {
  id: string;
  pipelineId: string;
  trigger: 'manual' | 'schedule';
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  moved: number;
  stages: Array<{ stageId: string; moved: number }>;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

const COLUMNS = ['id', 'pipeline_id', 'trigger', 'status', 'total', 'done', 'moved', 'stages', 'error', 'created_at', 'finished_at'] as const;

type Row = {
  id: string;
  pipeline_id: string;
  trigger: StageRuleRun['trigger'];
  status: StageRuleRun['status'];
  total: number;
  done: number;
  moved: number;
  stages: StageRuleRun['stages'];
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
};

const toRun = (r: Row): StageRuleRun => ({
  id: r.id,
  pipelineId: r.pipeline_id,
  trigger: r.trigger,
  status: r.status,
  total: r.total,
  done: r.done,
  moved: r.moved,
  stages: r.stages,
  error: r.error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

/** Kept per pipeline; older scheduled runs are pruned when a new one starts. */
const KEEP_SCHEDULED = 20;

export async function createRun(tx: Tx, corpId: string, pipelineId: string, trigger: StageRuleRun['trigger'], createdBy: string | null): Promise<StageRuleRun> {
  if (trigger === 'schedule') {
    await tx
      .deleteFrom('stage_rule_runs')
      .where('corp_id', '=', corpId)
      .where('pipeline_id', '=', pipelineId)
      .where('trigger', '=', 'schedule')
      .where('status', 'in', ['done', 'failed'])
      .where('id', 'not in', (eb) =>
        eb
          .selectFrom('stage_rule_runs')
          .select('id')
          .where('corp_id', '=', corpId)
          .where('pipeline_id', '=', pipelineId)
          .where('trigger', '=', 'schedule')
          .orderBy('created_at', 'desc')
          .limit(KEEP_SCHEDULED),
      )
      .execute();
  }
  const row = await tx
    .insertInto('stage_rule_runs')
    .values({ corp_id: corpId, pipeline_id: pipelineId, trigger, status: 'queued', created_by: createdBy })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toRun(row);
}

export async function findRun(tx: Tx, corpId: string, id: string): Promise<StageRuleRun | null> {
  const row = await tx.selectFrom('stage_rule_runs').select(COLUMNS).where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return row ? toRun(row) : null;
}

/** Past this age a queued or running run counts as abandoned (its job expires long before). */
const ABANDONED_AFTER_MS = 2 * 3600_000;

/** The pipeline's run still queued or running, if any (one at a time per pipeline). */
export async function activeRun(tx: Tx, corpId: string, pipelineId: string): Promise<StageRuleRun | null> {
  const row = await tx
    .selectFrom('stage_rule_runs')
    .select(COLUMNS)
    .where('corp_id', '=', corpId)
    .where('pipeline_id', '=', pipelineId)
    .where('status', 'in', ['queued', 'running'])
    .where('created_at', '>', new Date(Date.now() - ABANDONED_AFTER_MS))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row ? toRun(row) : null;
}

export async function recentRuns(tx: Tx, corpId: string, pipelineId: string, limit: number): Promise<StageRuleRun[]> {
  const rows = await tx
    .selectFrom('stage_rule_runs')
    .select(COLUMNS)
    .where('corp_id', '=', corpId)
    .where('pipeline_id', '=', pipelineId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRun);
}

export async function updateRun(
  tx: Tx,
  corpId: string,
  id: string,
  patch: Partial<Pick<StageRuleRun, 'status' | 'total' | 'done' | 'moved' | 'stages' | 'error'>> & { finished?: boolean },
): Promise<void> {
  const { stages, finished, ...rest } = patch;
  await tx
    .updateTable('stage_rule_runs')
    .set({ ...rest, ...(stages ? { stages: JSON.stringify(stages) } : {}), ...(finished ? { finished_at: new Date() } : {}) })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .execute();
}
