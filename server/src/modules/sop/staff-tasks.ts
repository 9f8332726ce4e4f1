// SOP tasks as other modules see them (the chat sidebar): a staff member's open tasks for one customer, and marking
// one of their own done. Another staff member's task is not found.
import type { SopContent } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { closeTask } from './tasks.repo';

export type OpenSopTask = { id: string; kind: 'send' | 'follow_up'; title: string; content: SopContent | null; createdAt: Date };

export async function openSopTasks(tx: Tx, corpId: string, customerId: string, staffUserid: string): Promise<OpenSopTask[]> {
  const { rows } = await sql<OpenSopTask>`select id, kind, title, content, created_at as "createdAt" from sop_tasks
    where corp_id = ${corpId} and customer_id = ${customerId} and staff_userid = ${staffUserid} and status = 'open'
    order by created_at desc limit 20`.execute(tx);
  return rows;
}

/** Marks a staff member's own open SOP task done; false when there is no such task of theirs. */
export async function finishSopTask(tx: Tx, corpId: string, id: string, staffUserid: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from sop_tasks where corp_id = ${corpId} and id = ${id} and staff_userid = ${staffUserid}`.execute(tx);
  return rows[0].n > 0 && (await closeTask(tx, corpId, id, 'done'));
}
