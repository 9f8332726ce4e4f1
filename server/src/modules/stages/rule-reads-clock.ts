// Which stage rules the scheduled run re-applies. A rule whose answer can change while nothing about the customer
// does (it reads the clock, or a table rewritten in bulk) needs the sweep; every other rule is kept current by the
// customer-change reaction (advanceCustomers on each change), so sweeping it would only find nothing to move. Decided
// statically from the rule tree; a request in the console still applies every rule.
import { walkLeaves, type Rule } from '@siyu/contracts';
import type { Tx } from '../../db/tenancy';
import { segmentRules } from '../segments';
import type { StageRule } from './advance-by-rules';

/** A relative date or window anywhere in a leaf: `{ daysAgo }` operands, `lastDays` windows. */
function hasRelativeTime(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasRelativeTime);
  if (typeof value !== 'object' || value === null) return false;
  if ('daysAgo' in value || 'lastDays' in value) return true;
  return Object.values(value).some(hasRelativeTime);
}

/**
 * True when the rule reads the clock (relative windows and dates, days since the last order, a stage's minDays or
 * maxDays), directly or through a segment it refers to (an unknown segment counts as yes), or reads RFM classes or
 * membership points, whose tables are rewritten in bulk rather than per customer change.
 */
export function needsScheduledRun(
  rule: Rule,
  segments: ReadonlyMap<string, Rule>,
  seen: readonly string[] = [],
): boolean {
  let needs = false;
  walkLeaves(rule, (leaf) => {
    if (needs) return;
    switch (leaf.kind) {
      case 'orders':
        needs = leaf.measure === 'days_since_last' || hasRelativeTime(leaf);
        return;
      case 'stage':
        needs = leaf.minDays !== undefined || leaf.maxDays !== undefined;
        return;
      case 'rfm':
      case 'points':
        needs = true;
        return;
      case 'segment': {
        const target = segments.get(leaf.segmentId);
        needs =
          !target || (!seen.includes(leaf.segmentId) && needsScheduledRun(target, segments, [...seen, leaf.segmentId]));
        return;
      }
      default:
        needs = hasRelativeTime(leaf);
    }
  });
  return needs;
}

/** The rules a scheduled run applies, in the order given. */
export async function rulesForScheduledRun(tx: Tx, corpId: string, rules: StageRule[]): Promise<StageRule[]> {
  let refers = false;
  for (const r of rules) walkLeaves(r.rule, (leaf) => void (refers ||= leaf.kind === 'segment'));
  const segments: ReadonlyMap<string, Rule> = refers ? await segmentRules(tx, corpId) : new Map();
  return rules.filter((r) => needsScheduledRun(r.rule, segments));
}
