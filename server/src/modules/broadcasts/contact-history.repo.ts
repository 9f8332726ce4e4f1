// The mass messages that reached (or are on their way to) customers since a time, for other modules' contact
// budgets (an SOP step counts the broadcasts a customer got this day or week). A recipient counts from the moment
// the broadcast was sent (or is due), unless it was cancelled or failed.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export async function broadcastTouches(tx: Tx, corpId: string, customerIds: readonly string[], since: Date): Promise<Array<{ customerId: string; at: Date }>> {
  if (customerIds.length === 0) return [];
  const { rows } = await sql<{ customerId: string; at: Date }>`
    select r.customer_id as "customerId", coalesce(r.sent_at, b.sent_at, b.send_at) as at
      from broadcast_recipients r join broadcasts b on b.corp_id = r.corp_id and b.id = r.broadcast_id
     where r.corp_id = ${corpId} and r.role = 'send' and r.customer_id = any(${[...customerIds]}::uuid[])
       and b.status not in ('cancelled', 'failed') and coalesce(r.sent_at, b.sent_at, b.send_at) >= ${since}`.execute(tx);
  return rows;
}
