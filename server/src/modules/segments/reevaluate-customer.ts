// Incremental upkeep: one customer changed → re-evaluate them against every active segment and dynamic tag of the
// corp, then record entries and exits. The customer's data is read in one statement and the rules are evaluated in
// memory (the evaluator the property tests hold equal to the SQL compiler); memberships are diffed against
// segment_members. A dynamic tag change can move other segments: up to 3 rounds.
import type { Tx } from '../../db/tenancy';
import { loadCustomerSnapshot } from './customer-snapshot.repo';
import { evaluateRule } from './evaluate-rule';
import type { Rule } from './segment-rule';
import { allSegments, applyCustomerChanges, type ActiveSegment } from './segments.repo';
import { walkLeaves } from './validate-rule';

export type Reevaluation = { entered: string[]; exited: string[]; dynamicTagsChanged: boolean };

function eventTypes(rules: Iterable<Rule>): string[] {
  const types = new Set<string>();
  for (const r of rules) walkLeaves(r, (leaf) => void ('eventType' in leaf && types.add(leaf.eventType)));
  return [...types];
}

// A set of customers changed in one transaction (an event batch, bulk tagging): the corp's segments are read once.
export async function reevaluateCustomers(tx: Tx, corpId: string, customerIds: readonly string[]): Promise<Reevaluation> {
  const out: Reevaluation = { entered: [], exited: [], dynamicTagsChanged: false };
  const segments = await allSegments(tx, corpId);
  if (!segments.some((s) => s.active)) return out;
  const now = new Date();
  for (const id of customerIds) {
    const r = await reevaluateCustomer(tx, corpId, id, now, segments);
    out.entered.push(...r.entered);
    out.exited.push(...r.exited);
    out.dynamicTagsChanged ||= r.dynamicTagsChanged;
  }
  return out;
}

export async function reevaluateCustomer(
  tx: Tx,
  corpId: string,
  customerId: string,
  now = new Date(),
  preloaded?: ActiveSegment[],
): Promise<Reevaluation> {
  const out: Reevaluation = { entered: [], exited: [], dynamicTagsChanged: false };
  const segments = preloaded ?? (await allSegments(tx, corpId));
  const active = segments.filter((s) => s.active);
  if (active.length === 0) return out;
  const rules = new Map(segments.map((s) => [s.id, s.rule]));
  const types = eventTypes(rules.values());
  for (let round = 0; round < 3; round++) {
    const [{ customer, data }, before] = await Promise.all([
      loadCustomerSnapshot(tx, corpId, customerId, types),
      tx
        .selectFrom('segment_members')
        .select('segment_id')
        .where('corp_id', '=', corpId)
        .where('customer_id', '=', customerId)
        .execute(),
    ]);
    data.segments = rules;
    const was = new Set(before.map((b) => b.segment_id));
    const entered: ActiveSegment[] = [];
    const exited: ActiveSegment[] = [];
    for (const s of active) {
      const now_ = customer !== null && evaluateRule(s.rule, customer, data, now);
      if (now_ && !was.has(s.id)) entered.push(s);
      if (!now_ && was.has(s.id)) exited.push(s);
    }
    if (entered.length + exited.length === 0) break;
    await applyCustomerChanges(tx, corpId, customerId, entered, exited);
    out.entered.push(...entered.map((s) => s.id));
    out.exited.push(...exited.map((s) => s.id));
    const tagsMoved = [...entered, ...exited].some((s) => s.kind === 'dynamic_tag');
    out.dynamicTagsChanged ||= tagsMoved;
    if (!tagsMoved) break;
  }
  return out;
}
