// Where the clock can change a rule's answer for a customer whose data stays the same: at the moments a row of theirs
// crosses `now − k days` for one of the rule's relative windows, dates or day counts. Between two moments t0 < t1,
// only a customer with such a row dated within [t0 − k days, t1 − k days] can have a different answer at t1 than at
// t0; a scheduled recompute need only look at them. Decided from the rule tree (its `ruleForm`: segments it refers to
// written out); null when some leaf's dependence on the clock is not written down here (RFM classes and points,
// rewritten in bulk; custom dates; relative dates inside event property filters; an unknown segment, or a cycle):
// recompute everyone then.
import { walkLeaves, type Leaf, type Rule, type Window } from './rule';
import { hasRelativeTime, ruleForm } from './rule-clock';
import { isRelDate } from './rule-values';

/** Rows of one kind whose date, crossing `now − k days` for a k in `days`, can change the answer. */
export type ClockEdge =
  | { source: 'events'; eventType: string; days: number[] }
  | { source: 'orders'; days: number[] }
  | { source: 'stages'; pipelineId: string; days: number[] }
  | { source: 'customers'; days: number[] };

const relDays = (v: unknown): number[] =>
  Array.isArray(v) ? v.flatMap(relDays) : isRelDate(v) ? [v.daysAgo] : [];

function windowDays(w: Window | undefined): number[] {
  if (!w) return [];
  return [...(w.lastDays === undefined ? [] : [w.lastDays]), ...relDays(w.from), ...relDays(w.to)];
}

/** Days since the last order compared with x: the whole number of days changes the answer at these thresholds. */
function dayCountDays(x: number | number[]): number[] {
  return (Array.isArray(x) ? x : [x]).flatMap((v) => [Math.floor(v), Math.ceil(v), Math.floor(v) + 1, Math.ceil(v) + 1]);
}

/** The leaf's edges; null when its dependence on the clock is not written down here. */
function leafEdges(leaf: Leaf): ClockEdge[] | null {
  switch (leaf.kind) {
    case 'tags':
    case 'channel':
    case 'owner':
    case 'group':
      return [];
    case 'attribute':
      if (!hasRelativeTime(leaf.value)) return [];
      return leaf.field === 'created_at' ? [{ source: 'customers', days: relDays(leaf.value) }] : null;
    case 'custom_field':
      return hasRelativeTime(leaf.value) ? null : [];
    case 'stage': {
      const days = [...(leaf.minDays === undefined ? [] : [leaf.minDays]), ...(leaf.maxDays === undefined ? [] : [leaf.maxDays + 1])];
      return days.length ? [{ source: 'stages', pipelineId: leaf.pipelineId, days }] : [];
    }
    case 'event':
    case 'event_measure': {
      if (hasRelativeTime(leaf.where)) return null;
      const days = windowDays(leaf.within);
      return days.length ? [{ source: 'events', eventType: leaf.eventType, days }] : [];
    }
    case 'event_time': {
      const days = relDays(leaf.value);
      return days.length ? [{ source: 'events', eventType: leaf.eventType, days }] : [];
    }
    case 'orders': {
      const days = [...windowDays(leaf.within), ...(leaf.measure === 'days_since_last' ? dayCountDays(leaf.value) : [])];
      return days.length ? [{ source: 'orders', days }] : [];
    }
    case 'rfm':
    case 'points':
    case 'segment':
      return null;
  }
}

/** The rule's clock edges, merged by kind of row; [] when it reads no clock; null when they are not known. */
export function clockEdges(rule: Rule, segments: ReadonlyMap<string, Rule>): ClockEdge[] | null {
  const merged = new Map<string, ClockEdge>();
  let known = true;
  walkLeaves(ruleForm(rule, segments), (leaf) => {
    const edges = leafEdges(leaf);
    if (edges === null) return void (known = false);
    for (const e of edges) {
      const key = e.source === 'events' ? `e:${e.eventType}` : e.source === 'stages' ? `s:${e.pipelineId}` : e.source;
      const prev = merged.get(key);
      merged.set(key, { ...e, days: [...new Set([...(prev?.days ?? []), ...e.days])].sort((a, b) => a - b) });
    }
  });
  return known ? [...merged.values()] : null;
}
