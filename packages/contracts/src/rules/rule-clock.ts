// How a rule's answer can change with the clock alone, decided statically from the rule tree. A rule whose answer can
// change while nothing about the customer does (it reads the clock, or a table rewritten in bulk) needs a scheduled
// pass; every other rule is kept current by the customer-change reaction. Among the rules that read the clock, those
// whose answer can only turn from yes to no as time passes (a purchase within the last 30 days, at least 100 spent in
// the last 90) never gain a customer from the clock alone (a pipeline's stage rules, once applied, skip them).
import { isGroup, type Leaf, type Rule, type Window } from './rule';

/**
 * How a rule's answer for one customer can change as time passes while their data stays the same: not at all,
 * only from yes to no ('falls'), only from no to yes ('rises'), or either way.
 */
export type ClockDirection = 'none' | 'falls' | 'rises' | 'both';

/** A relative date or window anywhere in a leaf: `{ daysAgo }` operands, `lastDays` windows. */
export function hasRelativeTime(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasRelativeTime);
  if (typeof value !== 'object' || value === null) return false;
  if ('daysAgo' in value || 'lastDays' in value) return true;
  return Object.values(value).some(hasRelativeTime);
}

const relative = (v: unknown) => typeof v === 'object' && v !== null && 'daysAgo' in v;

/**
 * A time window's rows as the clock advances: fixed, only leaving it ('shrinks': a relative start such as `lastDays`
 * and no relative end — rows dated after now, up to a day ahead, are already inside, as the end is open), or moving.
 */
function windowMotion(w: Window | undefined): 'fixed' | 'shrinks' | 'moves' {
  if (!w) return 'fixed';
  if (relative(w.to)) return 'moves';
  return w.lastDays !== undefined || relative(w.from) ? 'shrinks' : 'fixed';
}

const flip = (d: ClockDirection): ClockDirection => (d === 'falls' ? 'rises' : d === 'rises' ? 'falls' : d);

function combine(parts: ClockDirection[]): ClockDirection {
  const moving = new Set(parts.filter((d) => d !== 'none'));
  if (moving.size === 0) return 'none';
  return moving.size === 1 ? [...moving][0] : 'both';
}

/** A comparison `value op operand` where the value only grows with time ('up') or only shrinks ('down'). */
function comparison(op: string, value: 'up' | 'down'): ClockDirection {
  const grows = op === 'gt' || op === 'gte' ? 'rises' : op === 'lt' || op === 'lte' ? 'falls' : 'both';
  return value === 'up' || grows === 'both' ? grows : flip(grows);
}

/** A date compared with a relative operand (`now − n days`, which grows with time); absolute operands are fixed. */
function dateComparison(op: string, operand: unknown): ClockDirection {
  if (!hasRelativeTime(operand)) return 'none';
  // `date > now − n` turns false as now advances; `date < now − n` turns true; the rest can do both.
  return op === 'gt' || op === 'gte' ? 'falls' : op === 'lt' || op === 'lte' ? 'rises' : 'both';
}

function leafDirection(leaf: Leaf, segments: ReadonlyMap<string, Rule>, seen: readonly string[]): ClockDirection {
  switch (leaf.kind) {
    case 'tags':
    case 'channel':
    case 'owner':
    case 'group':
      return 'none';
    case 'attribute':
    case 'custom_field':
    case 'event_time':
      return dateComparison(leaf.op, leaf.value);
    case 'stage': {
      // In the stage for at least minDays: turns true with time; for at most maxDays: turns false.
      const parts: ClockDirection[] = [leaf.minDays !== undefined ? 'rises' : 'none', leaf.maxDays !== undefined ? 'falls' : 'none'];
      return combine(parts);
    }
    case 'segment': {
      const target = segments.get(leaf.segmentId);
      if (!target || seen.includes(leaf.segmentId)) return 'both';
      return clockDirection(target, segments, [...seen, leaf.segmentId]);
    }
    case 'event': {
      if (hasRelativeTime(leaf.where)) return 'both';
      const w = windowMotion(leaf.within);
      if (w === 'fixed') return 'none';
      if (w === 'moves') return 'both';
      return leaf.did ? 'falls' : 'rises'; // the rows in the window only leave it
    }
    case 'event_measure': {
      if (hasRelativeTime(leaf.where)) return 'both';
      const w = windowMotion(leaf.within);
      if (w === 'fixed') return 'none';
      // A count of rows that only leave the window only shrinks; a sum or mean of arbitrary values can go either way.
      return w === 'moves' || leaf.measure !== 'count' ? 'both' : comparison(leaf.op, 'down');
    }
    case 'orders': {
      const w = windowMotion(leaf.within);
      if (leaf.measure === 'days_since_last') return w === 'fixed' ? comparison(leaf.op, 'up') : 'both';
      if (w === 'fixed') return 'none';
      // Order amounts are never negative (CHECK amount >= 0): a count or a total over a shrinking window only shrinks.
      return w === 'moves' ? 'both' : comparison(leaf.op, 'down');
    }
    case 'rfm':
    case 'points':
      return 'both'; // tables rewritten in bulk, not on a customer change
  }
}

/**
 * How the rule's answer can change with the clock alone, through the segments it refers to (an unknown segment or
 * one already on the path counts as either way).
 */
export function clockDirection(rule: Rule, segments: ReadonlyMap<string, Rule>, seen: readonly string[] = []): ClockDirection {
  if (isGroup(rule)) {
    if ('all' in rule) return combine(rule.all.map((r) => clockDirection(r, segments, seen)));
    if ('any' in rule) return combine(rule.any.map((r) => clockDirection(r, segments, seen)));
    return flip(clockDirection(rule.not, segments, seen));
  }
  return leafDirection(rule, segments, seen);
}

/**
 * True when the rule reads the clock (relative windows and dates, days since the last order, a stage's minDays or
 * maxDays), directly or through a segment it refers to (an unknown segment counts as yes), or reads RFM classes or
 * membership points, whose tables are rewritten in bulk rather than per customer change.
 */
export function needsScheduledRun(rule: Rule, segments: ReadonlyMap<string, Rule>): boolean {
  return clockDirection(rule, segments) !== 'none';
}

/**
 * The rule as it is evaluated: each segment it refers to written out in place (an unknown one, or a cycle, kept as
 * the reference). Two rules with the same form select the same customers at the same moment.
 */
export function ruleForm(rule: Rule, segments: ReadonlyMap<string, Rule>, seen: readonly string[] = []): Rule {
  if (isGroup(rule)) {
    if ('all' in rule) return { all: rule.all.map((r) => ruleForm(r, segments, seen)) };
    if ('any' in rule) return { any: rule.any.map((r) => ruleForm(r, segments, seen)) };
    return { not: ruleForm(rule.not, segments, seen) };
  }
  if (rule.kind !== 'segment') return rule;
  const target = segments.get(rule.segmentId);
  return !target || seen.includes(rule.segmentId) ? rule : ruleForm(target, segments, [...seen, rule.segmentId]);
}

/** Deep equality of two JSON values (key order ignored, as jsonb compares). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
