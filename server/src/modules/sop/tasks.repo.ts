// SQL of staff tasks from SOP steps: "send this to this customer" (a reminder step) and follow-ups (a task step),
// one per run and step position, listed with customer, staff and flow names.
import type { SopContent, SopTask, SopTaskStatus } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type NewTask = {
  kind: 'send' | 'follow_up';
  flowId: string;
  enrollmentId: string;
  seq: number;
  customerId: string;
  staffUserid: string;
  title: string;
  content: SopContent | null;
  dueAt: Date | null;
};

export async function insertTasks(tx: Tx, corpId: string, tasks: readonly NewTask[]): Promise<void> {
  if (tasks.length === 0) return;
  const data = tasks.map((t) => ({
    kind: t.kind,
    flow_id: t.flowId,
    enrollment_id: t.enrollmentId,
    seq: t.seq,
    customer_id: t.customerId,
    staff_userid: t.staffUserid,
    title: t.title,
    content: t.content,
    due_at: t.dueAt?.toISOString() ?? null,
  }));
  await sql`
    insert into sop_tasks (corp_id, kind, flow_id, enrollment_id, seq, customer_id, staff_userid, title, content, due_at)
    select ${corpId}, v.kind, v.flow_id, v.enrollment_id, v.seq, v.customer_id, v.staff_userid, v.title, v.content, v.due_at
      from jsonb_to_recordset(${JSON.stringify(data)}::jsonb)
        as v(kind text, flow_id uuid, enrollment_id uuid, seq int, customer_id uuid, staff_userid text, title text, content jsonb, due_at timestamptz)
    on conflict do nothing`.execute(tx);
}

const cols = sql`t.id, t.kind, t.flow_id as "flowId", f.name as "flowName", t.customer_id as "customerId", c.name as "customerName",
  t.staff_userid as "staffUserid", coalesce(s.name, t.staff_userid) as "staffName", t.title, t.content, t.status, t.due_at as "dueAt", t.created_at as "createdAt"`;
const from = sql`sop_tasks t join sop_flows f on f.corp_id = t.corp_id and f.id = t.flow_id
  join customers c on c.corp_id = t.corp_id and c.id = t.customer_id
  left join staff s on s.corp_id = t.corp_id and s.userid = t.staff_userid`;

export async function listTasks(tx: Tx, corpId: string, q: { staffUserid: string | null; status?: SopTaskStatus; customerId?: string }): Promise<SopTask[]> {
  const { rows } = await sql<SopTask>`select ${cols} from ${from}
    where t.corp_id = ${corpId} ${q.staffUserid ? sql`and t.staff_userid = ${q.staffUserid}` : sql``}
      ${q.status ? sql`and t.status = ${q.status}` : sql``} ${q.customerId ? sql`and t.customer_id = ${q.customerId}` : sql``}
    order by (t.status = 'open') desc, t.created_at desc limit 500`.execute(tx);
  return rows;
}

export async function findTask(tx: Tx, corpId: string, id: string): Promise<SopTask | undefined> {
  const { rows } = await sql<SopTask>`select ${cols} from ${from} where t.corp_id = ${corpId} and t.id = ${id}`.execute(tx);
  return rows[0];
}

export async function closeTask(tx: Tx, corpId: string, id: string, status: 'done' | 'dismissed'): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`update sop_tasks set status = ${status}, done_at = now() where corp_id = ${corpId} and id = ${id} and status = 'open' returning id`.execute(tx);
  return rows.length > 0;
}
