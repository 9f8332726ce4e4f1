// Incremental upkeep: customers changed → re-evaluate them against every active segment and dynamic tag of the corp,
// then record the entries and exits of all of them in one statement. Their data and memberships are read in one
// statement and the rules are evaluated in memory (the evaluator the property tests hold equal to the SQL compiler).
// Segment definitions are cached per corp and checked against their version in that same statement. A dynamic tag
// change can move other segments: up to 3 rounds.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { loadCustomerSnapshots, segmentsVersionSql } from './customer-snapshot.repo';
import { evaluateRule, eventSlices, ruleSources, type Rule, type RuleSource } from '@siyu/contracts';
import { allSegments, applyMembershipChanges, type ActiveSegment, type MembershipChange } from './segments.repo';

export type Reevaluation = { entered: string[]; exited: string[]; dynamicTagsChanged: boolean };

type Definitions = {
  version: string;
  active: ActiveSegment[];
  rules: Map<string, Rule>;
  /** What any of the corp's rules reads (active or not: an active one may refer to an inactive one). */
  reads: { sources: RuleSource[]; eventTypes: string[] };
};
/** Segment definitions per corp, as last read; one per app. */
export type DefinitionsCache = Map<string, Definitions>;
export const createDefinitionsCache = (): DefinitionsCache => new Map();

async function loadDefinitions(tx: Tx, corpId: string): Promise<Definitions> {
  // Version first: a segment edited in between makes the cached version stale, never the cached rules.
  const { rows } = await sql<{ v: string }>`SELECT ${segmentsVersionSql(corpId)} AS v`.execute(tx);
  const segments = await allSegments(tx, corpId);
  return {
    version: rows[0].v,
    active: segments.filter((s) => s.active),
    rules: new Map(segments.map((s) => [s.id, s.rule])),
    reads: ruleSources(segments.map((s) => s.rule)),
  };
}

/** The timeline types any of the corp's segment rules reads (a deriver may skip facts that only add other types). */
export async function segmentEventTypes(tx: Tx, corpId: string, cache: DefinitionsCache): Promise<ReadonlySet<string>> {
  const { rows } = await sql<{ v: string }>`SELECT ${segmentsVersionSql(corpId)} AS v`.execute(tx);
  let defs = cache.get(corpId);
  if (!defs || defs.version !== rows[0].v) cache.set(corpId, (defs = await loadDefinitions(tx, corpId)));
  return new Set(defs.reads.eventTypes);
}

export async function reevaluateCustomers(
  tx: Tx,
  corpId: string,
  customerIds: readonly string[],
  opts: { cache?: DefinitionsCache; now?: Date } = {},
): Promise<Reevaluation> {
  const out: Reevaluation = { entered: [], exited: [], dynamicTagsChanged: false };
  const cache = opts.cache ?? createDefinitionsCache();
  const now = opts.now ?? new Date();
  let defs = cache.get(corpId);
  if (!defs) cache.set(corpId, (defs = await loadDefinitions(tx, corpId)));
  let pending = [...new Set(customerIds)];
  for (let round = 0; round < 3 && pending.length > 0; round++) {
    if (defs.active.length === 0) {
      const { rows } = await sql<{ v: string }>`SELECT ${segmentsVersionSql(corpId)} AS v`.execute(tx);
      if (rows[0].v === defs.version) return out;
      cache.set(corpId, (defs = await loadDefinitions(tx, corpId)));
      if (defs.active.length === 0) return out;
    }
    let loaded = await loadCustomerSnapshots(tx, corpId, pending, defs.reads, eventSlices(defs.rules.values(), now));
    if (loaded.segmentsVersion !== defs.version) {
      cache.set(corpId, (defs = await loadDefinitions(tx, corpId)));
      loaded = await loadCustomerSnapshots(tx, corpId, pending, defs.reads, eventSlices(defs.rules.values(), now));
    }
    const again: string[] = [];
    const changes: MembershipChange[] = [];
    for (const id of pending) {
      const snap = loaded.snapshots.get(id);
      if (!snap) continue;
      snap.data.segments = defs.rules;
      const entered: ActiveSegment[] = [];
      const exited: ActiveSegment[] = [];
      for (const s of defs.active) {
        const member = snap.customer !== null && evaluateRule(s.rule, snap.customer, snap.data, now);
        if (member && !snap.memberOf.has(s.id)) entered.push(s);
        if (!member && snap.memberOf.has(s.id)) exited.push(s);
      }
      if (entered.length + exited.length === 0) continue;
      for (const segment of entered) changes.push({ customerId: id, segment, delta: 1 });
      for (const segment of exited) changes.push({ customerId: id, segment, delta: -1 });
      out.entered.push(...entered.map((s) => s.id));
      out.exited.push(...exited.map((s) => s.id));
      if ([...entered, ...exited].some((s) => s.kind === 'dynamic_tag')) {
        out.dynamicTagsChanged = true;
        again.push(id);
      }
    }
    await applyMembershipChanges(tx, corpId, changes);
    pending = again;
  }
  return out;
}

export function reevaluateCustomer(
  tx: Tx,
  corpId: string,
  customerId: string,
  opts: { cache?: DefinitionsCache; now?: Date } = {},
): Promise<Reevaluation> {
  return reevaluateCustomers(tx, corpId, [customerId], opts);
}
