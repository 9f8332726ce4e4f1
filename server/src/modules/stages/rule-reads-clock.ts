// Which stage rules the scheduled run re-applies: those whose answer the clock can change (clockDirection, in the rule
// language). Among them, those whose answer can only turn from yes to no as time passes never gain a customer from the
// clock alone: once such a rule has been applied to every customer in its present form, the sweep skips it too (stage
// rules never move anyone back). A request in the console still applies every rule.
import { clockDirection, ruleForm, sameJson, walkLeaves, type Rule } from '@siyu/contracts';
import type { Tx } from '../../db/tenancy';
import { segmentRules } from '../segments';
import type { StageRule } from './advance-by-rules';

/** The corp's segment rules when a rule refers to a segment (one query), an empty map otherwise. */
export async function segmentsReferred(tx: Tx, corpId: string, rules: StageRule[]): Promise<ReadonlyMap<string, Rule>> {
  let refers = false;
  for (const r of rules) walkLeaves(r.rule, (leaf) => void (refers ||= leaf.kind === 'segment'));
  return refers ? segmentRules(tx, corpId) : new Map();
}

/**
 * The rules a scheduled run applies, in the order given: those whose answer can turn to yes with the clock, and
 * those that can only turn to no but have not yet been applied to everyone in their present form (`applied`, the
 * form a run last applied, by stage id).
 */
export async function rulesForScheduledRun(tx: Tx, corpId: string, rules: StageRule[], applied: ReadonlyMap<string, unknown>): Promise<StageRule[]> {
  const segments = await segmentsReferred(tx, corpId, rules);
  return rules.filter((r) => {
    const d = clockDirection(r.rule, segments);
    if (d === 'none') return false;
    return d !== 'falls' || !sameJson(applied.get(r.id), ruleForm(r.rule, segments));
  });
}
