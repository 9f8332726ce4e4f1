// The customers whose answer to a rule the clock can have changed between two moments (clockEdges): those with a row
// dated where one of the rule's edges (`now − k days`) passed in between, a minute either side to spare.
import { DAY_MS, type ClockEdge } from '@siyu/contracts';
import { sql, type RawBuilder } from 'kysely';

const MARGIN_MS = 60_000;

export function clockEdgeCustomers(corpId: string, edges: readonly ClockEdge[], from: Date, to: Date): RawBuilder<{ id: string }> {
  const parts = edges.flatMap((edge) =>
    edge.days.map((k) => {
      const lo = new Date(from.getTime() - k * DAY_MS - MARGIN_MS).toISOString();
      const hi = new Date(to.getTime() - k * DAY_MS + MARGIN_MS).toISOString();
      switch (edge.source) {
        case 'events':
          return sql`SELECT e.customer_id AS id FROM events e WHERE e.corp_id = ${corpId} AND e.type = ${edge.eventType}
            AND e.occurred_at BETWEEN ${lo}::timestamptz AND ${hi}::timestamptz`;
        case 'orders':
          return sql`SELECT o.customer_id AS id FROM orders o WHERE o.corp_id = ${corpId}
            AND o.paid_at BETWEEN ${lo}::timestamptz AND ${hi}::timestamptz`;
        case 'stages':
          return sql`SELECT s.customer_id AS id FROM customer_stages s WHERE s.corp_id = ${corpId} AND s.pipeline_id = ${edge.pipelineId}::uuid
            AND s.entered_at BETWEEN ${lo}::timestamptz AND ${hi}::timestamptz`;
        case 'customers':
          return sql`SELECT c.id FROM customers c WHERE c.corp_id = ${corpId}
            AND c.created_at BETWEEN ${lo}::timestamptz AND ${hi}::timestamptz`;
      }
    }),
  );
  if (parts.length === 0) return sql`SELECT NULL::uuid AS id WHERE false`;
  return sql`${sql.join(parts, sql` UNION `)}`;
}
