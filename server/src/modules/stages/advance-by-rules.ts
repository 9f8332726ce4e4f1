// Rule-driven stage moves. A stage may carry an entry rule (the segment rule language). Customers are advanced to the
// matching stage with the highest sort order of each pipeline, only when that stage is later than the one they are in
// (or they are in none): rules never move anyone back, so manual moves stay. Moves go through moveCustomers (history
// row with source 'rule', a `stage.changed` fact with its timeline row); the event router's next `derive` round takes
// it from there (a move can make another rule match).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { oncePerTransaction } from '../../db/once-per-transaction';
import type { Tx } from '../../db/tenancy';
import { walkLeaves, type Rule } from '@siyu/contracts';
import { compileRule, compileRuleIds, segmentRules } from '../segments';
import { moveCustomers } from './stages.repo';

export type StageRule = { id: string; pipelineId: string; sortOrder: number; rule: Rule };
type Move = { customerId: string; pipelineId: string; stageId: string };

/** The corp's stage rules: one small query (partial index stages_with_rule), empty for most corps. */
export async function loadStageRules(tx: Tx, corpId: string, pipelineId?: string): Promise<StageRule[]> {
  let q = tx
    .selectFrom('stages')
    .select(['id', 'pipeline_id', 'sort_order', 'rule'])
    .where('corp_id', '=', corpId)
    .where('rule', 'is not', null);
  if (pipelineId) q = q.where('pipeline_id', '=', pipelineId);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, pipelineId: r.pipeline_id, sortOrder: r.sort_order, rule: r.rule as Rule }));
}

/** The stage rules and segment definitions a transaction's `derive` rounds read (once, not once per round). */
const rulesOfTx = oncePerTransaction((tx, corpId) => loadStageRules(tx, corpId));
const segmentsOfTx = oncePerTransaction((tx, corpId) => segmentRules(tx, corpId));

const hasLeaf = (rule: Rule, kinds: ReadonlyArray<string>) => {
  let found = false;
  walkLeaves(rule, (leaf) => void (found ||= kinds.includes(leaf.kind)));
  return found;
};

/** The timeline types the corp's stage rules read (a deriver may skip facts that only add other types). */
export async function stageRuleEventTypes(tx: Tx, corpId: string): Promise<ReadonlySet<string>> {
  const types = new Set<string>();
  for (const r of await rulesOfTx(tx, corpId)) walkLeaves(r.rule, (leaf) => void ('eventType' in leaf && types.add(leaf.eventType)));
  return types;
}

/** Rules that read stages: the only ones a stage change can affect. */
const readsStages = (r: StageRule) => hasLeaf(r.rule, ['stage']);

async function compileContext(tx: Tx, corpId: string, rules: StageRule[], read = segmentRules) {
  const segments = rules.some((r) => hasLeaf(r.rule, ['segment'])) ? await read(tx, corpId) : undefined;
  return { corpId, now: new Date(), segments };
}

/** Forward moves for the given customers against every rule, in one statement (one UNION ALL branch per rule). */
async function findMoves(tx: Tx, corpId: string, customerIds: readonly string[], rules: StageRule[]): Promise<Move[]> {
  const ctx = await compileContext(tx, corpId, rules, segmentsOfTx);
  const ids = [...customerIds];
  const branches = rules.map(
    (r) => sql`(SELECT c.id AS customer_id, ${r.id}::uuid AS stage_id FROM customers c
      WHERE c.corp_id = ${corpId} AND c.id = ANY(${ids}::uuid[]) AND ${compileRule(r.rule, { ...ctx, mode: 'row' })})`,
  );
  const { rows } = await sql<{ customer_id: string; pipeline_id: string; stage_id: string }>`
    WITH matched AS (${sql.join(branches, sql` UNION ALL `)}),
    best AS (
      SELECT DISTINCT ON (m.customer_id, s.pipeline_id) m.customer_id, s.pipeline_id, s.id AS stage_id, s.sort_order
        FROM matched m JOIN stages s ON s.corp_id = ${corpId} AND s.id = m.stage_id
       ORDER BY m.customer_id, s.pipeline_id, s.sort_order DESC, s.created_at DESC, s.id
    )
    SELECT b.customer_id, b.pipeline_id, b.stage_id FROM best b
      LEFT JOIN customer_stages cs ON cs.corp_id = ${corpId} AND cs.customer_id = b.customer_id AND cs.pipeline_id = b.pipeline_id
      LEFT JOIN stages cur ON cur.corp_id = cs.corp_id AND cur.id = cs.stage_id
     WHERE cur.id IS NULL OR b.sort_order > cur.sort_order`.execute(tx);
  return rows.map((r) => ({ customerId: r.customer_id, pipelineId: r.pipeline_id, stageId: r.stage_id }));
}

/** Applies moves grouped by target stage; returns the customers who moved and the number of moves made. */
async function applyMoves(tx: Tx, corpId: string, moves: Move[]): Promise<{ customers: string[]; count: number }> {
  const byStage = new Map<string, { pipelineId: string; ids: string[] }>();
  for (const m of moves) {
    const g = byStage.get(m.stageId) ?? { pipelineId: m.pipelineId, ids: [] };
    g.ids.push(m.customerId);
    byStage.set(m.stageId, g);
  }
  const moved = new Set<string>();
  let count = 0;
  for (const [stageId, g] of byStage) {
    const done = await moveCustomers(tx, corpId, g.pipelineId, g.ids, stageId, null, 'rule');
    count += done.length;
    for (const m of done) moved.add(m.customerId);
  }
  return { customers: [...moved], count };
}

/**
 * Re-evaluates changed customers against the corp's stage rules and advances them, one round (the router repeats
 * `derive` while moves change more). After nothing but a stage change only the rules that read stages are evaluated
 * (so a manual move back is not undone by a rule that does not look at stages).
 */
export async function advanceCustomers(
  tx: Tx,
  corpId: string,
  customerIds: readonly string[],
  opts: { onlyStageRules?: boolean } = {},
): Promise<{ moved: number }> {
  if (customerIds.length === 0) return { moved: 0 };
  let rules = await rulesOfTx(tx, corpId);
  if (opts.onlyStageRules) rules = rules.filter(readsStages);
  if (rules.length === 0) return { moved: 0 };
  const moves = await findMoves(tx, corpId, customerIds, rules);
  if (moves.length === 0) return { moved: 0 };
  return { moved: (await applyMoves(tx, corpId, moves)).count };
}

/**
 * Customers a stage's rule matches whose current stage in the pipeline is earlier, or who are in none (set shape).
 * A rule the compiler can answer with an id query (lifetime order figures: compileRuleIds) is read from that query,
 * without a customer row, minus the customers already in this stage or a later one.
 */
export async function stageCandidates(tx: Tx, corpId: string, pipelineId: string, rule: StageRule): Promise<string[]> {
  const ctx = { ...(await compileContext(tx, corpId, [rule])), mode: 'set' as const };
  const ids = compileRuleIds(rule.rule, ctx);
  if (ids) {
    const { rows } = await sql<{ id: string }>`
      SELECT m.id FROM (${ids}) m
       WHERE NOT EXISTS (SELECT 1 FROM customer_stages cs JOIN stages cur ON cur.corp_id = cs.corp_id AND cur.id = cs.stage_id
                          WHERE cs.corp_id = ${corpId} AND cs.customer_id = m.id AND cs.pipeline_id = ${pipelineId}::uuid
                            AND cur.sort_order >= ${rule.sortOrder}::int)
       ORDER BY m.id`.execute(tx);
    return rows.map((r) => r.id);
  }
  const match: RawBuilder<SqlBool> = compileRule(rule.rule, ctx);
  const { rows } = await sql<{ id: string }>`
    SELECT c.id FROM customers c
      LEFT JOIN customer_stages cs ON cs.corp_id = c.corp_id AND cs.customer_id = c.id AND cs.pipeline_id = ${pipelineId}::uuid
      LEFT JOIN stages cur ON cur.corp_id = cs.corp_id AND cur.id = cs.stage_id
     WHERE c.corp_id = ${corpId} AND (cur.id IS NULL OR cur.sort_order < ${rule.sortOrder}::int) AND ${match}
     ORDER BY c.id`.execute(tx);
  return rows.map((r) => r.id);
}

/**
 * Moves these candidates to the rule's stage, re-checking "forward only" against their stage now (a manual move may
 * have come in since they were listed); moveCustomers records the moves. Returns how many moved.
 */
export async function advanceToStage(tx: Tx, corpId: string, pipelineId: string, stageId: string, candidates: string[]): Promise<number> {
  const { rows } = await sql<{ id: string }>`
    SELECT q.id FROM unnest(${candidates}::uuid[]) AS q(id)
      JOIN stages target ON target.corp_id = ${corpId} AND target.id = ${stageId}::uuid
      LEFT JOIN customer_stages cs ON cs.corp_id = ${corpId} AND cs.customer_id = q.id AND cs.pipeline_id = ${pipelineId}::uuid
      LEFT JOIN stages cur ON cur.corp_id = cs.corp_id AND cur.id = cs.stage_id
     WHERE cur.id IS NULL OR cur.sort_order < target.sort_order`.execute(tx);
  const moved = await moveCustomers(tx, corpId, pipelineId, rows.map((r) => r.id), stageId, null, 'rule');
  return moved.length;
}
