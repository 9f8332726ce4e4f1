// Points granted to many customers at once by an automation (an SOP step): ledger rows, balances and levels in a
// fixed number of statements, and a points.changed fact for each customer.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { recordEvents } from '../../platform/events';
import { addToMembership } from './apply-event-points';

export async function grantPointsMany(tx: Tx, corpId: string, customerIds: readonly string[], delta: number, reason: string): Promise<void> {
  if (customerIds.length === 0 || delta <= 0) return;
  await sql`insert into points_ledger (corp_id, customer_id, delta, remaining, reason, event_id, expires_at)
            select ${corpId}, q.id, ${delta}, ${delta}, ${`grant:${reason}`}, null, null from unnest(${[...customerIds]}::uuid[]) as q(id)`.execute(tx);
  await addToMembership(tx, corpId, customerIds.map((id) => ({ customer_id: id, points: delta, growth: 0 })));
  await recordEvents(tx, corpId, customerIds.map((id) => ({ event: { type: 'points.changed' as const, customerId: id, data: { delta, reason } } })));
}
