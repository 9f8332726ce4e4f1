// The form in which each stage's entry rule was last applied to every customer who could move (stages.rule_applied):
// written by the apply-rules job when a rule's moves are done, read by the scheduled run to skip rules the clock
// cannot make match anyone new (rule-reads-clock.ts).
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

/** By stage id, the pipeline's stages with a rule that a run has applied. */
export async function appliedRuleForms(tx: Tx, corpId: string, pipelineId: string): Promise<Map<string, unknown>> {
  const rows = await tx
    .selectFrom('stages')
    .select(['id', 'rule_applied'])
    .where('corp_id', '=', corpId)
    .where('pipeline_id', '=', pipelineId)
    .where('rule_applied', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.rule_applied]));
}

/** Records that the stage's rule, as given, has been applied in this form; a rule changed meanwhile is left unmarked. */
export async function markRuleApplied(tx: Tx, corpId: string, stageId: string, rule: unknown, form: unknown): Promise<void> {
  await tx
    .updateTable('stages')
    .set({ rule_applied: JSON.stringify(form) })
    .where('corp_id', '=', corpId)
    .where('id', '=', stageId)
    .where(sql<boolean>`rule = ${JSON.stringify(rule)}::jsonb`)
    .execute();
}
