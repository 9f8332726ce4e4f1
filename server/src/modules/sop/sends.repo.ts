// SQL of the sends an SOP step makes: one row per (step, staff member) per sweep, holding the customers and the
// content, claimed once by the send effect before WeCom is called (so a retry never sends twice), and its outcome.
import type { SopContent } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type NewSend = { flowId: string; stepId: string; kind: 'message' | 'remind'; staffUserid: string; customerIds: string[]; content: SopContent };

export async function insertSends(tx: Tx, corpId: string, sends: readonly NewSend[]): Promise<string[]> {
  if (sends.length === 0) return [];
  const data = sends.map((s) => ({ flow_id: s.flowId, step_id: s.stepId, kind: s.kind, staff_userid: s.staffUserid, customer_ids: s.customerIds, content: s.content }));
  const { rows } = await sql<{ id: string }>`
    insert into sop_sends (corp_id, flow_id, step_id, kind, staff_userid, customer_ids, content)
    select ${corpId}, v.flow_id, v.step_id, v.kind, v.staff_userid, array(select jsonb_array_elements_text(v.customer_ids))::uuid[], v.content
      from jsonb_to_recordset(${JSON.stringify(data)}::jsonb) as v(flow_id uuid, step_id text, kind text, staff_userid text, customer_ids jsonb, content jsonb)
    returning id`.execute(tx);
  return rows.map((r) => r.id);
}

export type ClaimedSend = {
  id: string;
  flowName: string;
  kind: 'message' | 'remind';
  staffUserid: string;
  content: SopContent;
  recipients: Array<{ customerId: string; externalUserid: string; name: string }>;
};

/** Claims planned sends (planned → claimed) with their recipients who still follow that staff member. */
export async function claimSends(tx: Tx, corpId: string, ids: readonly string[]): Promise<ClaimedSend[]> {
  const { rows } = await sql<Omit<ClaimedSend, 'recipients'> & { customerIds: string[] }>`
    update sop_sends s set state = 'claimed' from sop_flows f
     where s.corp_id = ${corpId} and s.id = any(${[...ids]}::uuid[]) and s.state = 'planned' and f.corp_id = s.corp_id and f.id = s.flow_id
    returning s.id, f.name as "flowName", s.kind, s.staff_userid as "staffUserid", s.content, s.customer_ids as "customerIds"`.execute(tx);
  if (rows.length === 0) return [];
  const { rows: people } = await sql<{ customerId: string; staffUserid: string; externalUserid: string; name: string }>`
    select c.id as "customerId", f.staff_userid as "staffUserid", c.external_userid as "externalUserid", c.name
      from customers c join follows f on f.corp_id = c.corp_id and f.customer_id = c.id and f.deleted_at is null
     where c.corp_id = ${corpId} and c.id = any(${rows.flatMap((r) => r.customerIds)}::uuid[]) and c.external_userid is not null`.execute(tx);
  return rows.map((r) => ({
    id: r.id,
    flowName: r.flowName,
    kind: r.kind,
    staffUserid: r.staffUserid,
    content: r.content,
    recipients: people.filter((p) => p.staffUserid === r.staffUserid && r.customerIds.includes(p.customerId)),
  }));
}

export async function finishSend(tx: Tx, corpId: string, id: string, outcome: { state: 'sent' | 'failed'; msgid?: string | null; error?: string | null }, now: Date): Promise<void> {
  await sql`update sop_sends set state = ${outcome.state}, msgid = ${outcome.msgid ?? null}, error = ${outcome.error ?? null},
              sent_at = case when ${outcome.state} = 'sent' then ${now}::timestamptz end
             where corp_id = ${corpId} and id = ${id}`.execute(tx);
}
