// A seeded pipeline's past: the demo places its customers in their stage by one move each, made now, so no stay is
// ever closed and the funnel has no dwell medians until weeks of real use. This writes the path each customer would
// have walked, with its times (新客 at the first follow, 首购 at the first order, …), in place of the seed's own history
// rows, and dates the current stay from its last step. Only rows of the given source are replaced; no event is
// recorded again (the seed's moves recorded theirs).
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export type PastStep = { customerId: string; stageId: string; at: Date };

export async function backdateStays(tx: Tx, corpId: string, pipelineId: string, steps: PastStep[], source: string): Promise<void> {
  if (steps.length === 0) return;
  const customers = steps.map((s) => s.customerId);
  const stages = steps.map((s) => s.stageId);
  const times = steps.map((s) => s.at.toISOString());
  await sql`delete from customer_stage_history
             where corp_id = ${corpId} and pipeline_id = ${pipelineId} and source = ${source} and customer_id = any(${[...new Set(customers)]}::uuid[])`.execute(tx);
  await sql`insert into customer_stage_history (corp_id, customer_id, pipeline_id, from_stage_id, to_stage_id, source, moved_at)
            select ${corpId}, q.customer_id, ${pipelineId}, lag(q.stage_id) over (partition by q.customer_id order by q.at), q.stage_id, ${source}, q.at
              from unnest(${customers}::uuid[], ${stages}::uuid[], ${times}::timestamptz[]) as q(customer_id, stage_id, at)`.execute(tx);
  await sql`update customer_stages cs set entered_at = l.at
              from (select q.customer_id, max(q.at) as at from unnest(${customers}::uuid[], ${times}::timestamptz[]) as q(customer_id, at) group by q.customer_id) l
             where cs.corp_id = ${corpId} and cs.pipeline_id = ${pipelineId} and cs.customer_id = l.customer_id`.execute(tx);
}
