// What a segment's recompute evaluates. Entries and exits caused by a change to a customer are made by the incremental
// path in the transaction of that change; a scheduled recompute is there for what the clock alone changes. So between
// two recomputes over every customer (at least one a day, and whenever the rule's form changed, segments it refers to
// included) a scheduled one looks only at the present members when the clock can only take customers out
// (clockDirection 'falls': "bought within the last 30 days"), and skips a rule that does not read the clock at all.
import { clockDirection, ruleForm, sameJson, type Rule } from '@siyu/contracts';
import type { ActiveSegment, RecomputeScope } from './segments.repo';

/** How often every segment is recomputed over every customer, whatever its rule: the net under the incremental path. */
export const FULL_RECOMPUTE_EVERY_MS = 24 * 3600_000;

export function recomputeScope(
  seg: ActiveSegment,
  scheduled: boolean,
  segments: ReadonlyMap<string, Rule>,
  now: Date,
): RecomputeScope | 'skip' {
  if (!scheduled || seg.fullRecomputedAt === null) return 'customers';
  if (now.getTime() - new Date(seg.fullRecomputedAt).getTime() >= FULL_RECOMPUTE_EVERY_MS) return 'customers';
  if (!sameJson(seg.fullRecomputeForm, ruleForm(seg.rule, segments))) return 'customers';
  const direction = clockDirection(seg.rule, segments);
  return direction === 'none' ? 'skip' : direction === 'falls' ? 'members' : 'customers';
}
