// The mass messages that reached (or are on their way to) customers since a time, and the corp's WeCom cap window,
// for other modules' contact budgets (an SOP step counts the broadcasts a customer got this day or week). A recipient counts from the moment
// the broadcast was sent (or is due), unless it was cancelled or failed.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { capWindow, type CapWindow } from './cap-period';
import { settings } from './broadcasts.repo';

export async function broadcastTouches(tx: Tx, corpId: string, customerIds: readonly string[], since: Date): Promise<Array<{ customerId: string; at: Date }>> {
  if (customerIds.length === 0) return [];
  const { rows } = await sql<{ customerId: string; at: Date }>`
    select r.customer_id as "customerId", coalesce(r.sent_at, b.sent_at, b.send_at) as at
      from broadcast_recipients r join broadcasts b on b.corp_id = r.corp_id and b.id = r.broadcast_id
     where r.corp_id = ${corpId} and r.role = 'send' and r.customer_id = any(${[...customerIds]}::uuid[])
       and b.status not in ('cancelled', 'failed') and coalesce(r.sent_at, b.sent_at, b.send_at) >= ${since}`.execute(tx);
  return rows;
}

/** The corp's WeCom mass-message cap window at `now` (as many per month as it has days, 7 a week, or 1 a day). */
export async function massMessageCap(tx: Tx, corpId: string, now: Date): Promise<CapWindow> {
  return capWindow((await settings(tx, corpId)).cap_period, now);
}
