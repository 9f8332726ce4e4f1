// The mass messages that reached (or are on their way to) customers since a time, and the corp's WeCom cap window,
// for other modules' contact budgets (an SOP step counts the broadcasts a customer got this day or week). A recipient
// counts from the moment it was sent (or the broadcast was sent, or is due), unless the broadcast was cancelled or failed.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { capWindow, type CapWindow } from './cap-period';
import { settings } from './broadcasts.repo';

/**
 * Recipients are found through their task, not through an index on the customer (a plan writes a million recipients,
 * and a per-customer index was ~5 s of it): the broadcasts that can hold a recipient at or after `since` (not finished
 * before it: results are stored before a broadcast completes), their tasks whose staff member follows or followed
 * the customer (every recipient is sent by such a staff member), then the task index at (task, the customer's
 * external_userid).
 */
export async function broadcastTouches(tx: Tx, corpId: string, customerIds: readonly string[], since: Date): Promise<Array<{ customerId: string; at: Date }>> {
  if (customerIds.length === 0) return [];
  const { rows } = await sql<{ customerId: string; at: Date }>`
    with cu as (
      select c.id, c.external_userid from customers c
       where c.corp_id = ${corpId} and c.id = any(${[...customerIds]}::uuid[]) and c.external_userid is not null),
    b as (
      select b.id, coalesce(b.sent_at, b.send_at) as at from broadcasts b
       where b.corp_id = ${corpId} and b.kind = 'customer' and b.status not in ('cancelled', 'failed')
         and (b.completed_at is null or b.completed_at >= ${since})),
    t as (
      select distinct bt.broadcast_id, bt.task_no, cu.id as customer_id, cu.external_userid
        from b join broadcast_tasks bt on bt.corp_id = ${corpId} and bt.broadcast_id = b.id
        join follows f on f.corp_id = ${corpId} and f.staff_userid = bt.staff_userid
        join cu on cu.id = f.customer_id)
    select r.customer_id as "customerId", coalesce(r.sent_at, b.at) as at
      from t join broadcast_recipients r
        on r.corp_id = ${corpId} and r.broadcast_id = t.broadcast_id and r.task_no = t.task_no and r.target = t.external_userid
      join b on b.id = t.broadcast_id
     where r.role = 'send' and r.customer_id = t.customer_id and coalesce(r.sent_at, b.at) >= ${since}`.execute(tx);
  return rows;
}

/** The corp's WeCom mass-message cap window at `now` (as many per month as it has days, 7 a week, or 1 a day). */
export async function massMessageCap(tx: Tx, corpId: string, now: Date): Promise<CapWindow> {
  return capWindow((await settings(tx, corpId)).cap_period, now);
}
