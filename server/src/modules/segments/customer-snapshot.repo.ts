// What rules can read about a set of customers, in one call: the sources the corp's rules read (events only of the
// types they mention; the others empty), with their current segment memberships and the version of the corp's segment
// definitions (migrations 0012, 0040, 0041).
// The incremental path evaluates these snapshots in memory; property tests hold that evaluator equal to the SQL.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { RULE_SOURCES, type EventSlice, type MemCustomer, type MemData, type RuleSource } from '@siyu/contracts';

type Row = {
  id: string;
  customer: Record<string, unknown> | null;
  follows: Array<{ staff_userid: string; state: string | null; tag_ids: string[]; deleted_at: string | null }>;
  events: Array<{ type: string; occurred_at: string; properties: Record<string, unknown> }>;
  orders: Array<{ amount: number; paid_at: string; items: Array<{ name?: string; category?: string }> }>;
  groups: string[];
  stages: Array<{ pipeline_id: string; stage_id: string; entered_at: string }>;
  rfm: string[];
  points: { points: number; growth: number; level: number } | null;
  fields: Array<{ key: string; text_value: string | null; number_value: number | null; date_value: string | null }>;
  members: string[];
  seg_version: string;
};

export type CustomerSnapshot = { customer: MemCustomer | null; data: MemData; memberOf: Set<string> };

/** Changes whenever a segment is created, edited or deleted (not when its members change). */
export const segmentsVersionSql = (corpId: string) =>
  sql<string>`(SELECT count(*)::text || '/' || coalesce(max(updated_at)::text, '') FROM segments WHERE corp_id = ${corpId})`;

/**
 * `slices` narrows the events of each type to the rows the rules need at the time they were resolved for (eventSlices);
 * without them every row of `reads.eventTypes` is read.
 */
export async function loadCustomerSnapshots(
  tx: Tx,
  corpId: string,
  customerIds: readonly string[],
  reads: { sources: readonly RuleSource[]; eventTypes: readonly string[] },
  slices: readonly EventSlice[] = reads.eventTypes.map((type) => ({ type, since: 'all', ends: false })),
): Promise<{ segmentsVersion: string; snapshots: Map<string, CustomerSnapshot> }> {
  const ids = [...new Set(customerIds)];
  const since = slices.map((s) => (s.since === 'all' ? null : s.since === 'none' ? 'infinity' : s.since.toISOString()));
  const res = await sql<Row>`SELECT * FROM siyu_customer_snapshots(${corpId}, ${ids}::uuid[], ${slices.map((s) => s.type)}::text[],
    ${[...reads.sources]}::text[], ${since}::timestamptz[], ${slices.map((s) => s.ends)}::boolean[])`.execute(tx);
  const snapshots = new Map<string, CustomerSnapshot>();
  for (const r of res.rows) snapshots.set(r.id, toSnapshot(r));
  const version = res.rows[0]?.seg_version ?? (await sql<{ v: string }>`SELECT ${segmentsVersionSql(corpId)} AS v`.execute(tx)).rows[0].v;
  return { segmentsVersion: version, snapshots };
}

/** One customer with every source (events of `eventTypes`). */
export async function loadCustomerSnapshot(
  tx: Tx,
  corpId: string,
  customerId: string,
  eventTypes: readonly string[],
): Promise<CustomerSnapshot> {
  const { snapshots } = await loadCustomerSnapshots(tx, corpId, [customerId], { sources: RULE_SOURCES, eventTypes });
  return snapshots.get(customerId)!;
}

function toSnapshot(r: Row): CustomerSnapshot {
  const customerId = r.id;
  const d = (v: string | null) => (v === null ? null : new Date(v));
  const data: MemData = {
    customers: [],
    follows: r.follows.map((f) => ({ ...f, customer_id: customerId, deleted_at: d(f.deleted_at) })),
    events: r.events.map((e) => ({ ...e, customer_id: customerId, occurred_at: new Date(e.occurred_at) })),
    orders: r.orders.map((o) => ({
      ...o,
      customer_id: customerId,
      amount: Number(o.amount),
      paid_at: new Date(o.paid_at),
    })),
    groupMembers: r.groups.map((chat_id) => ({ chat_id, userid: String(r.customer?.external_userid ?? '') })),
    stages: r.stages.map((s) => ({ ...s, customer_id: customerId, entered_at: new Date(s.entered_at) })),
    rfm: r.rfm.map((cls) => ({ customer_id: customerId, class: cls })),
    points: r.points ? [{ customer_id: customerId, ...r.points }] : [],
    customFields: r.fields.map((f) => ({
      customer_id: customerId,
      key: f.key,
      text_value: f.text_value,
      number_value: f.number_value === null ? null : Number(f.number_value),
      date_value: f.date_value === null ? null : new Date(`${f.date_value}T00:00:00Z`),
    })),
  };
  const memberOf = new Set(r.members);
  if (!r.customer) return { customer: null, data, memberOf };
  const customer = {
    ...r.customer,
    id: customerId,
    external_userid: (r.customer.external_userid as string | null) ?? null,
    created_at: new Date(String(r.customer.created_at)),
  } as MemCustomer;
  data.customers = [customer];
  return { customer, data, memberOf };
}
