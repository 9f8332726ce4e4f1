// What a rule reads besides the customer's own row: the data sources of its leaves, and the timeline types its event
// leaves name. A loader may leave out every source no rule of the corp reads (the evaluator then finds it empty).
import { walkLeaves, type LeafKind, type Rule } from './rule';

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
