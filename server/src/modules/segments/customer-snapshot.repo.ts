// Everything rules can read about a set of customers, in one statement (events only of the types the rules mention),
// with their current segment memberships and the version of the corp's segment definitions.
// The incremental path evaluates these snapshots in memory; property tests hold that evaluator equal to the SQL.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import type { MemCustomer, MemData } from './evaluate-rule';

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

export async function loadCustomerSnapshots(
  tx: Tx,
  corpId: string,
  customerIds: readonly string[],
  eventTypes: readonly string[],
): Promise<{ segmentsVersion: string; snapshots: Map<string, CustomerSnapshot> }> {
  const res = await sql<Row>`
    SELECT k.id,
      (SELECT row_to_json(c) FROM customers c WHERE c.corp_id = ${corpId} AND c.id = k.id) AS customer,
      (SELECT coalesce(json_agg(json_build_object('staff_userid', f.staff_userid, 'state', f.state, 'tag_ids', f.tag_ids, 'deleted_at', f.deleted_at)), '[]')
         FROM follows f WHERE f.corp_id = ${corpId} AND f.customer_id = k.id) AS follows,
      (SELECT coalesce(json_agg(json_build_object('type', e.type, 'occurred_at', e.occurred_at, 'properties', e.properties)), '[]')
         FROM events e WHERE e.corp_id = ${corpId} AND e.customer_id = k.id AND e.type = ANY(${[...eventTypes]}::text[])) AS events,
      (SELECT coalesce(json_agg(json_build_object('amount', o.amount, 'paid_at', o.paid_at, 'items', o.items)), '[]')
         FROM orders o WHERE o.corp_id = ${corpId} AND o.customer_id = k.id) AS orders,
      (SELECT coalesce(json_agg(gm.chat_id), '[]') FROM customers c JOIN group_members gm ON gm.corp_id = c.corp_id AND gm.userid = c.external_userid
        WHERE c.corp_id = ${corpId} AND c.id = k.id) AS groups,
      (SELECT coalesce(json_agg(json_build_object('pipeline_id', s.pipeline_id, 'stage_id', s.stage_id, 'entered_at', s.entered_at)), '[]')
         FROM customer_stages s WHERE s.corp_id = ${corpId} AND s.customer_id = k.id) AS stages,
      (SELECT coalesce(json_agg(r.class), '[]') FROM customer_rfm r WHERE r.corp_id = ${corpId} AND r.customer_id = k.id) AS rfm,
      (SELECT json_build_object('points', m.points, 'growth', m.growth, 'level', m.level)
         FROM customer_membership m WHERE m.corp_id = ${corpId} AND m.customer_id = k.id) AS points,
      (SELECT coalesce(json_agg(json_build_object('key', cf.key, 'text_value', v.text_value, 'number_value', v.number_value, 'date_value', v.date_value)), '[]')
         FROM custom_field_values v JOIN custom_fields cf ON cf.corp_id = v.corp_id AND cf.id = v.field_id
        WHERE v.corp_id = ${corpId} AND v.customer_id = k.id) AS fields,
      (SELECT coalesce(json_agg(sm.segment_id), '[]') FROM segment_members sm WHERE sm.corp_id = ${corpId} AND sm.customer_id = k.id) AS members,
      ${segmentsVersionSql(corpId)} AS seg_version
    FROM unnest(${[...new Set(customerIds)]}::uuid[]) AS k(id)`.execute(tx);
  const snapshots = new Map<string, CustomerSnapshot>();
  for (const r of res.rows) snapshots.set(r.id, toSnapshot(r));
  const version = res.rows[0]?.seg_version ?? (await sql<{ v: string }>`SELECT ${segmentsVersionSql(corpId)} AS v`.execute(tx)).rows[0].v;
  return { segmentsVersion: version, snapshots };
}

export async function loadCustomerSnapshot(
  tx: Tx,
  corpId: string,
  customerId: string,
  eventTypes: readonly string[],
): Promise<CustomerSnapshot> {
  const { snapshots } = await loadCustomerSnapshots(tx, corpId, [customerId], eventTypes);
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
