// Value semantics shared by the SQL compiler and the in-memory evaluator, so both read a rule the same way.
import type { CmpOp, DateValue, Scalar, ValueOp, Window } from './rule';

export const DAY_MS = 86_400_000;

export type ValueKind = 'text' | 'number' | 'date';

/** A–Z to a–z and nothing else: `contains` ignores the case of Latin letters only (the SQL side uses translate()). */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
}

export function resolveDate(v: DateValue, now: Date): Date {
  return typeof v === 'string' ? new Date(v) : new Date(now.getTime() - v.daysAgo * DAY_MS);
}

export function isRelDate(v: unknown): v is { daysAgo: number } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'daysAgo' in v;
}

/** The operand of a comparison, resolved to JS values of the field's kind ([] for is_set/not_set). */
export function resolveOperand(
  kind: ValueKind,
  value: Scalar | Scalar[] | undefined,
  now: Date,
): Array<string | number | Date> {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.map((v) => {
    if (kind === 'date') return resolveDate(v as DateValue, now);
    if (kind === 'number') return Number(v);
    return String(v);
  });
}

/** Two-valued comparison: an unset value (null, or '' for text) matches only not_set. */
export function compareValue(
  actual: string | number | Date | null | undefined,
  kind: ValueKind,
  op: ValueOp | CmpOp,
  operand: Array<string | number | Date>,
): boolean {
  const set = actual !== null && actual !== undefined && !(kind === 'text' && actual === '');
  if (op === 'is_set') return set;
  if (op === 'not_set') return !set;
  if (actual === null || actual === undefined) return false;
  const a: string | number = kind === 'date' ? (actual as Date).getTime() : (actual as string | number);
  const vals: Array<string | number> = operand.map((v) => (v instanceof Date ? v.getTime() : v));
  const v = vals[0];
  switch (op) {
    case 'eq':
      return a === v;
    case 'neq':
      return a !== v;
    case 'in':
      return vals.includes(a);
    case 'contains':
      return typeof a === 'string' && asciiLower(a).includes(asciiLower(String(v)));
    case 'gt':
      return a > v;
    case 'gte':
      return a >= v;
    case 'lt':
      return a < v;
    case 'lte':
      return a <= v;
    case 'between':
      return a >= vals[0] && a <= vals[1];
  }
}

export type TimeRange = { from: Date | null; to: Date | null };

export function resolveWindow(w: Window | undefined, now: Date): TimeRange {
  if (!w) return { from: null, to: null };
  let from = w.from === undefined ? null : resolveDate(w.from, now);
  const to = w.to === undefined ? null : resolveDate(w.to, now);
  if (w.lastDays !== undefined) {
    const last = new Date(now.getTime() - w.lastDays * DAY_MS);
    from = from && from > last ? from : last;
  }
  return { from, to };
}

export function inRange(t: Date, r: TimeRange): boolean {
  return (r.from === null || t >= r.from) && (r.to === null || t <= r.to);
}

export function daysSince(t: Date, now: Date): number {
  return Math.floor((now.getTime() - t.getTime()) / DAY_MS);
}

/** An event property filter compares as a number when its operand is a number, as text otherwise. */
export function propKind(f: { op: string; value?: unknown }): 'text' | 'number' {
  const first = Array.isArray(f.value) ? f.value[0] : f.value;
  return typeof first === 'number' ? 'number' : 'text';
}
