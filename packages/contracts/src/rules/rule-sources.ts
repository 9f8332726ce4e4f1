// What a rule reads besides the customer's own row: the data sources of its leaves, and the timeline types its event
// leaves name. A loader may leave out every source no rule of the corp reads (the evaluator then finds it empty).
import { walkLeaves, type LeafKind, type Rule } from './rule';
import { resolveWindow } from './rule-values';

export const RULE_SOURCES = ['follows', 'events', 'orders', 'groups', 'stages', 'rfm', 'points', 'fields'] as const;
export type RuleSource = (typeof RULE_SOURCES)[number];

/** The source each leaf kind reads (null: the customer row only, or another segment's rule, walked on its own). */
const SOURCE_OF: Record<LeafKind, RuleSource | null> = {
  attribute: null,
  custom_field: 'fields',
  tags: 'follows',
  channel: 'follows',
  owner: 'follows',
  group: 'groups',
  stage: 'stages',
  segment: null,
  event: 'events',
  event_measure: 'events',
  event_time: 'events',
  orders: 'orders',
  rfm: 'rfm',
  points: 'points',
};

/** The sources and timeline types the rules read; a `segment` leaf's target must be among `rules` itself. */
export function ruleSources(rules: Iterable<Rule>): { sources: RuleSource[]; eventTypes: string[] } {
  const sources = new Set<RuleSource>();
  const types = new Set<string>();
  for (const rule of rules)
    walkLeaves(rule, (leaf) => {
      const source = SOURCE_OF[leaf.kind];
      if (source) sources.add(source);
      if ('eventType' in leaf) types.add(leaf.eventType);
    });
  return { sources: [...sources], eventTypes: [...types] };
}

/**
 * Which rows of one timeline type the rules need: those at or after `since` ('all': every row; 'none': no range), and
 * with `ends` the type's first and last rows besides (a leaf that asks whether it ever happened, or when it first or
 * last did). A loader may leave out every other row: each leaf's answer stays the same.
 */
export type EventSlice = { type: string; since: Date | 'all' | 'none'; ends: boolean };

/** The slices the rules read at `now` (windows relative to now resolved as the evaluator resolves them). */
export function eventSlices(rules: Iterable<Rule>, now: Date): EventSlice[] {
  const slices = new Map<string, EventSlice>();
  for (const rule of rules)
    walkLeaves(rule, (leaf) => {
      if (leaf.kind !== 'event' && leaf.kind !== 'event_measure' && leaf.kind !== 'event_time') return;
      let slice = slices.get(leaf.eventType);
      if (!slice) slices.set(leaf.eventType, (slice = { type: leaf.eventType, since: 'none', ends: false }));
      if (leaf.kind === 'event_time') return void (slice.ends = true);
      const from = resolveWindow(leaf.within, now).from;
      // Did it happen before some time (or ever), whatever its properties: the first row answers.
      if (from === null && leaf.kind === 'event' && !leaf.where?.length) return void (slice.ends = true);
      // A window: the earliest start of them all; no start (and properties to check, or a measure): every row.
      if (from === null || slice.since === 'all') slice.since = 'all';
      else if (slice.since === 'none' || from < slice.since) slice.since = from;
    });
  return [...slices.values()];
}
