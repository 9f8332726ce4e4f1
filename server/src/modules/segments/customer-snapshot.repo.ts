// Everything rules can read about one customer, in one statement (events only of the types the rules mention).
// The incremental path evaluates this snapshot in memory; property tests hold that evaluator equal to the SQL.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import type { MemCustomer, MemData } from './evaluate-rule';

type Row = {
  customer: Record<string, unknown> | null;
  follows: Array<{ staff_userid: string; state: string | null; tag_ids: string[]; deleted_at: string | null }>;
  events: Array<{ type: string; occurred_at: string; properties: Record<string, unknown> }>;
  orders: Array<{ amount: number; paid_at: string; items: Array<{ name?: string; category?: string }> }>;
  groups: string[];
  stages: Array<{ pipeline_id: string; stage_id: string; entered_at: string }>;
  rfm: string[];
  points: { points: number; growth: number; level: number } | null;
  fields: Array<{ key: string; text_value: string | null; number_value: number | null; date_value: string | null }>;
};

export async function loadCustomerSnapshot(
  tx: Tx,
  corpId: string,
  customerId: string,
  eventTypes: string[],
): Promise<{ customer: MemCustomer | null; data: MemData }> {
  const res = await sql<Row>`
    WITH c AS (SELECT * FROM customers WHERE corp_id = ${corpId} AND id = ${customerId}::uuid)
    SELECT
      (SELECT row_to_json(c) FROM c) AS customer,
      (SELECT coalesce(json_agg(json_build_object('staff_userid', f.staff_userid, 'state', f.state, 'tag_ids', f.tag_ids, 'deleted_at', f.deleted_at)), '[]')
         FROM follows f WHERE f.corp_id = ${corpId} AND f.customer_id = ${customerId}::uuid) AS follows,
      (SELECT coalesce(json_agg(json_build_object('type', e.type, 'occurred_at', e.occurred_at, 'properties', e.properties)), '[]')
         FROM events e WHERE e.corp_id = ${corpId} AND e.customer_id = ${customerId}::uuid AND e.type = ANY(${eventTypes}::text[])) AS events,
      (SELECT coalesce(json_agg(json_build_object('amount', o.amount, 'paid_at', o.paid_at, 'items', o.items)), '[]')
         FROM orders o WHERE o.corp_id = ${corpId} AND o.customer_id = ${customerId}::uuid) AS orders,
      (SELECT coalesce(json_agg(gm.chat_id), '[]') FROM group_members gm, c WHERE gm.corp_id = ${corpId} AND gm.userid = c.external_userid) AS groups,
      (SELECT coalesce(json_agg(json_build_object('pipeline_id', s.pipeline_id, 'stage_id', s.stage_id, 'entered_at', s.entered_at)), '[]')
         FROM customer_stages s WHERE s.corp_id = ${corpId} AND s.customer_id = ${customerId}::uuid) AS stages,
      (SELECT coalesce(json_agg(r.class), '[]') FROM customer_rfm r WHERE r.corp_id = ${corpId} AND r.customer_id = ${customerId}::uuid) AS rfm,
      (SELECT json_build_object('points', m.points, 'growth', m.growth, 'level', m.level)
         FROM customer_membership m WHERE m.corp_id = ${corpId} AND m.customer_id = ${customerId}::uuid) AS points,
      (SELECT coalesce(json_agg(json_build_object('key', cf.key, 'text_value', v.text_value, 'number_value', v.number_value, 'date_value', v.date_value)), '[]')
         FROM custom_field_values v JOIN custom_fields cf ON cf.corp_id = v.corp_id AND cf.id = v.field_id
        WHERE v.corp_id = ${corpId} AND v.customer_id = ${customerId}::uuid) AS fields`.execute(tx);
  const r = res.rows[0];
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
  if (!r.customer) return { customer: null, data };
  const customer = {
    ...r.customer,
    id: customerId,
    external_userid: (r.customer.external_userid as string | null) ?? null,
    created_at: new Date(String(r.customer.created_at)),
  } as MemCustomer;
  data.customers = [customer];
  return { customer, data };
}
