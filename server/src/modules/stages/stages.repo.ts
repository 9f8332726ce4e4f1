import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { recordEvents } from '../../platform/events';
import type { Rule } from '@siyu/contracts';

export async function listPipelines(tx: Tx, corpId: string) {
  const pipelines = await tx.selectFrom('pipelines').select(['id', 'name', 'sort_order as sortOrder']).where('corp_id', '=', corpId).orderBy('sort_order').orderBy('created_at').execute();
  const { rows: stages } = await sql<{ id: string; pipelineId: string; name: string; sortOrder: number; dwellDays: number | null; remindHour: number | null; rule: Rule | null; customers: number }>`
    select s.id, s.pipeline_id as "pipelineId", s.name, s.sort_order as "sortOrder", s.dwell_days as "dwellDays", s.remind_hour as "remindHour", s.rule,
           (select count(*)::int from customer_stages cs where cs.corp_id = s.corp_id and cs.stage_id = s.id) as customers
      from stages s where s.corp_id = ${corpId} order by s.sort_order, s.created_at`.execute(tx);
  return pipelines.map((p) => ({ ...p, stages: stages.filter((s) => s.pipelineId === p.id) }));
}

export function findStage(tx: Tx, corpId: string, id: string) {
  return tx.selectFrom('stages').selectAll().where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
}

export function findPipeline(tx: Tx, corpId: string, id: string) {
  return tx.selectFrom('pipelines').selectAll().where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
}

export function insertPipeline(tx: Tx, corpId: string, name: string) {
  return tx.insertInto('pipelines').values({ corp_id: corpId, name }).returning(['id', 'name']).executeTakeFirstOrThrow();
}

/** Renames a pipeline; undefined when there is none with this id. */
export function renamePipeline(tx: Tx, corpId: string, id: string, name: string) {
  return tx.updateTable('pipelines').set({ name }).where('corp_id', '=', corpId).where('id', '=', id).returning('id').executeTakeFirst();
}

/** Deletes a pipeline; undefined when there is none with this id. */
export function deletePipeline(tx: Tx, corpId: string, id: string) {
  return tx.deleteFrom('pipelines').where('corp_id', '=', corpId).where('id', '=', id).returning('id').executeTakeFirst();
}

export async function pipelineStageIds(tx: Tx, corpId: string, pipelineId: string): Promise<string[]> {
  const rows = await tx.selectFrom('stages').select('id').where('corp_id', '=', corpId).where('pipeline_id', '=', pipelineId).execute();
  return rows.map((c) => c.id);
}

/** Sets each stage's sort order to its position in `stageIds`. */
export async function reorderStages(tx: Tx, corpId: string, stageIds: string[]) {
  await sql`update stages s set sort_order = q.ord from unnest(${stageIds}::uuid[]) with ordinality as q(id, ord)
             where s.corp_id = ${corpId} and s.id = q.id`.execute(tx);
}

export async function customersInStage(tx: Tx, corpId: string, stageId: string): Promise<string[]> {
  const rows = await tx.selectFrom('customer_stages').select('customer_id').where('corp_id', '=', corpId).where('stage_id', '=', stageId).execute();
  return rows.map((r) => r.customer_id);
}

export async function deleteStage(tx: Tx, corpId: string, id: string) {
  await tx.deleteFrom('stages').where('corp_id', '=', corpId).where('id', '=', id).execute();
}

/** The columns a stage edit may set (rule as JSON text, or null to clear it). */
export type StageSet = { name?: string; dwell_days?: number | null; remind_hour?: number | null; rule?: string | null };

export async function updateStage(tx: Tx, corpId: string, id: string, set: StageSet) {
  await tx.updateTable('stages').set(set).where('corp_id', '=', corpId).where('id', '=', id).execute();
}

export type StageInput = { name: string; dwellDays?: number | null; remindHour?: number | null; rule?: Rule | null };

export async function insertStage(tx: Tx, corpId: string, pipelineId: string, s: StageInput) {
  const { rows } = await sql<{ n: number }>`select coalesce(max(sort_order) + 1, 0)::int as n from stages where corp_id = ${corpId} and pipeline_id = ${pipelineId}`.execute(tx);
  return tx
    .insertInto('stages')
    .values({
      corp_id: corpId,
      pipeline_id: pipelineId,
      name: s.name,
      sort_order: rows[0].n,
      dwell_days: s.dwellDays ?? null,
      remind_hour: s.remindHour ?? null,
      rule: s.rule ? JSON.stringify(s.rule) : null,
    })
    .returning(['id', 'name', 'sort_order as sortOrder'])
    .executeTakeFirstOrThrow();
}

/**
 * Moves customers between stages of one pipeline (or out of it: to = null), with history rows and timeline events.
 * `source` says who moved them ('manual', 'reassign', 'rule'); it is the history row's source and the event's `by`.
 */
export async function moveCustomers(
  tx: Tx,
  corpId: string,
  pipelineId: string,
  customerIds: string[],
  toStageId: string | null,
  actorUserId: string | null,
  source: string,
): Promise<Array<{ customerId: string; fromStageId: string | null }>> {
  if (customerIds.length === 0) return [];
  const { rows: before } = await sql<{ customer_id: string; stage_id: string | null }>`
    select q.id as customer_id, cs.stage_id from unnest(${customerIds}::uuid[]) as q(id)
      left join customer_stages cs on cs.corp_id = ${corpId} and cs.pipeline_id = ${pipelineId} and cs.customer_id = q.id`.execute(tx);
  const moving = before.filter((b) => b.stage_id !== toStageId);
  if (moving.length === 0) return [];
  const ids = moving.map((m) => m.customer_id);
  if (toStageId) {
    await sql`insert into customer_stages (corp_id, customer_id, pipeline_id, stage_id, entered_at, reminded_at)
              select ${corpId}, q.id, ${pipelineId}, ${toStageId}, now(), null from unnest(${ids}::uuid[]) as q(id)
              on conflict (corp_id, customer_id, pipeline_id) do update set stage_id = excluded.stage_id, entered_at = now(), reminded_at = null`.execute(tx);
  } else {
    await sql`delete from customer_stages where corp_id = ${corpId} and pipeline_id = ${pipelineId} and customer_id = any(${ids}::uuid[])`.execute(tx);
  }
  await sql`insert into customer_stage_history (corp_id, customer_id, pipeline_id, from_stage_id, to_stage_id, actor_user_id, source)
            select ${corpId}, q.id, ${pipelineId}, q.from_stage, ${toStageId}, ${actorUserId}, ${source}
              from unnest(${ids}::uuid[], ${moving.map((m) => m.stage_id)}::uuid[]) as q(id, from_stage)`.execute(tx);
  await recordEvents(
    tx,
    corpId,
    moving.map((m) => ({
      event: { type: 'stage.changed' as const, customerId: m.customer_id, data: { pipelineId, fromStageId: m.stage_id, toStageId, by: source === 'rule' ? ('rule' as const) : ('user' as const) } },
      timeline: { type: 'stage_moved', source, properties: { pipelineId, fromStageId: m.stage_id, toStageId, by: source } },
    })),
  );
  return moving.map((m) => ({ customerId: m.customer_id, fromStageId: m.stage_id }));
}

/** Per stage: customers now, customers who ever entered, and the median days spent in it (closed stays). */
export async function funnel(tx: Tx, corpId: string, pipelineId: string) {
  const { rows } = await sql<{ stageId: string; name: string; current: number; entered: number; medianDays: number | null }>`
    with stays as (
      select h.to_stage_id as stage_id, h.customer_id, h.moved_at as entered_at,
             lead(h.moved_at) over (partition by h.customer_id order by h.moved_at, h.id) as left_at
        from customer_stage_history h where h.corp_id = ${corpId} and h.pipeline_id = ${pipelineId}
    )
    select s.id as "stageId", s.name,
           (select count(*)::int from customer_stages cs where cs.corp_id = s.corp_id and cs.stage_id = s.id) as current,
           (select count(distinct customer_id)::int from stays where stays.stage_id = s.id) as entered,
           (select percentile_cont(0.5) within group (order by extract(epoch from left_at - entered_at) / 86400)
              from stays where stays.stage_id = s.id and left_at is not null)::float8 as "medianDays"
      from stages s where s.corp_id = ${corpId} and s.pipeline_id = ${pipelineId} order by s.sort_order`.execute(tx);
  return rows;
}

export function stageHistory(tx: Tx, corpId: string, customerId: string) {
  return tx
    .selectFrom('customer_stage_history')
    .select(['pipeline_id as pipelineId', 'from_stage_id as fromStageId', 'to_stage_id as toStageId', 'source', 'actor_user_id as actorUserId', 'moved_at as movedAt'])
    .where('corp_id', '=', corpId)
    .where('customer_id', '=', customerId)
    .orderBy('moved_at', 'desc')
    .execute();
}

/** Customers past their stage's dwell time, at or after its reminder hour (Asia/Shanghai), not yet reminded. */
export async function dueDwellReminders(tx: Tx, corpId: string) {
  const { rows } = await sql<{ customer_id: string; customer_name: string; stage_id: string; stage_name: string; pipeline_name: string; days: number; staff_userid: string | null }>`
    select cs.customer_id, c.name as customer_name, s.id as stage_id, s.name as stage_name, p.name as pipeline_name,
           floor(extract(epoch from now() - cs.entered_at) / 86400)::int as days,
           (select f.staff_userid from follows f where f.corp_id = cs.corp_id and f.customer_id = cs.customer_id and f.deleted_at is null
             order by f.followed_at limit 1) as staff_userid
      from customer_stages cs
      join stages s on s.corp_id = cs.corp_id and s.id = cs.stage_id
      join pipelines p on p.corp_id = s.corp_id and p.id = s.pipeline_id
      join customers c on c.corp_id = cs.corp_id and c.id = cs.customer_id
     where cs.corp_id = ${corpId} and s.dwell_days is not null and cs.reminded_at is null
       and cs.entered_at < now() - make_interval(days => s.dwell_days)
       and extract(hour from now() at time zone 'Asia/Shanghai') >= coalesce(s.remind_hour, 0)
     limit 1000`.execute(tx);
  return rows;
}

/** Records that a customer's dwell reminder for their stage was sent (the profile scan sends it). */
export async function markDwellReminded(tx: Tx, corpId: string, customerId: string, stageId: string): Promise<void> {
  await sql`update customer_stages set reminded_at = now() where corp_id = ${corpId} and customer_id = ${customerId} and stage_id = ${stageId}`.execute(tx);
}

/** A pipeline with its stages in the given order, rules unset (the demo seed). */
export async function insertPipelineWithStages(tx: Tx, corpId: string, name: string, stages: Array<{ name: string; dwellDays: number | null; remindHour: number | null }>) {
  const pipeline = await tx.insertInto('pipelines').values({ corp_id: corpId, name }).returning('id').executeTakeFirstOrThrow();
  const rows = await tx
    .insertInto('stages')
    .values(stages.map((st, i) => ({ corp_id: corpId, pipeline_id: pipeline.id, name: st.name, sort_order: i, dwell_days: st.dwellDays, remind_hour: st.remindHour })))
    .returning('id')
    .execute();
  return { pipeline, stages: rows };
}
