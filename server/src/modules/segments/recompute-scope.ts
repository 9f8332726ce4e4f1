// What a scheduled recompute of a segment does. Entries and exits caused by a change to a customer are made by the
// incremental path in the transaction of that change; the schedule is there for what the clock alone changes. Between
// recomputes over every customer (at least once a day, and whenever the rule's form changed, segments it refers to
// included: a net under the incremental path), it looks only at the customers with a row at one of the rule's clock
// edges since its last pass (clockEdges), and skips a rule that reads no clock.
import { clockEdges, ruleForm, sameJson, type ClockEdge, type Rule } from '@siyu/contracts';
import type { ActiveSegment } from './segments.repo';

/** How often every segment is recomputed over every customer, whatever its rule. */
export const FULL_RECOMPUTE_EVERY_MS = 24 * 3600_000;

export type ScheduledRecompute = { kind: 'full' } | { kind: 'skip' } | { kind: 'edges'; edges: ClockEdge[]; since: Date };

export function scheduledRecompute(seg: ActiveSegment, segments: ReadonlyMap<string, Rule>, now: Date): ScheduledRecompute {
  const full = seg.fullRecomputedAt === null ? null : new Date(seg.fullRecomputedAt);
  if (full === null || now.getTime() - full.getTime() >= FULL_RECOMPUTE_EVERY_MS) return { kind: 'full' };
  if (!sameJson(seg.fullRecomputeForm, ruleForm(seg.rule, segments))) return { kind: 'full' };
  const edges = clockEdges(seg.rule, segments);
  if (edges === null || seg.clockCheckedAt === null) return { kind: 'full' };
  return edges.length === 0 ? { kind: 'skip' } : { kind: 'edges', edges, since: new Date(seg.clockCheckedAt) };
}
