// Whether a scheduled recompute of a segment has anything to do. Entries and exits caused by a change to a customer
// are made by the incremental path in the transaction of that change; the schedule is there for what the clock alone
// changes. A rule that reads no clock (tags, channel, attributes without relative dates: clockDirection 'none') is
// skipped between recomputes over every customer, which still run at least once a day and whenever the rule's form
// changed (segments it refers to included), as a net under the incremental path.
import { clockDirection, ruleForm, sameJson, type Rule } from '@siyu/contracts';
import type { ActiveSegment } from './segments.repo';

/** How often every segment is recomputed over every customer, whatever its rule. */
export const FULL_RECOMPUTE_EVERY_MS = 24 * 3600_000;

export function scheduledRecomputeNeeded(seg: ActiveSegment, segments: ReadonlyMap<string, Rule>, now: Date): boolean {
  if (seg.fullRecomputedAt === null) return true;
  if (now.getTime() - new Date(seg.fullRecomputedAt).getTime() >= FULL_RECOMPUTE_EVERY_MS) return true;
  if (!sameJson(seg.fullRecomputeForm, ruleForm(seg.rule, segments))) return true;
  return clockDirection(seg.rule, segments) !== 'none';
}
