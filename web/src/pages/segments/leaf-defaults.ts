// The condition each leaf kind starts as when the operator adds it; one entry per kind of the rule language, so a
// kind added to the contracts is a type error here until the editor knows it.
import type { Leaf, LeafKind } from '@siyu/contracts';

export type LeafOf<K extends LeafKind> = Extract<Leaf, { kind: K }>;

export const DEFAULT_LEAF: { [K in LeafKind]: () => LeafOf<K> } = {
  attribute: () => ({ kind: 'attribute', field: 'name', op: 'contains', value: '' }),
  custom_field: () => ({ kind: 'custom_field', key: '', type: 'text', op: 'is_set' }),
  tags: () => ({ kind: 'tags', match: 'any', tagIds: [] }),
  channel: () => ({ kind: 'channel', states: [] }),
  owner: () => ({ kind: 'owner', staffUserids: [] }),
  group: () => ({ kind: 'group' }),
  stage: () => ({ kind: 'stage', pipelineId: '', stageIds: [] }),
  segment: () => ({ kind: 'segment', segmentId: '' }),
  event: () => ({ kind: 'event', eventType: 'link.opened', did: true, within: { lastDays: 30 } }),
  event_measure: () => ({
    kind: 'event_measure',
    eventType: 'link.opened',
    measure: 'count',
    op: 'gte',
    value: 1,
    within: { lastDays: 30 },
  }),
  event_time: () => ({ kind: 'event_time', eventType: 'link.opened', which: 'last', op: 'gte', value: { daysAgo: 30 } }),
  orders: () => ({ kind: 'orders', measure: 'count', op: 'gte', value: 1 }),
  rfm: () => ({ kind: 'rfm', classes: [] }),
  points: () => ({ kind: 'points', field: 'points', op: 'gte', value: 100 }),
};

export function defaultLeaf<K extends LeafKind>(kind: K): LeafOf<K> {
  return DEFAULT_LEAF[kind]();
}

/** Applies a patch to a leaf; keys patched to undefined are dropped (the server refuses unknown or empty keys). */
export function patchLeaf<L extends Leaf>(leaf: L, patch: Partial<L>): L {
  const next: L = { ...leaf, ...patch };
  const rec = next as Record<string, unknown>;
  for (const k of Object.keys(rec)) if (rec[k] === undefined) delete rec[k];
  return next;
}
