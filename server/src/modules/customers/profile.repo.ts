import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

export async function customerGroups(tx: Tx, corpId: string, externalUserid: string | null) {
  if (!externalUserid) return [];
  return tx
    .selectFrom('group_members as m')
    .innerJoin('groups as g', (j) => j.onRef('g.corp_id', '=', 'm.corp_id').onRef('g.chat_id', '=', 'm.chat_id'))
    .select(['g.chat_id as chatId', 'g.name', 'g.owner_userid as ownerUserid', 'm.join_time as joinTime', 'm.join_scene as joinScene'])
    .where('m.corp_id', '=', corpId)
    .where('m.userid', '=', externalUserid)
    .where('g.dismissed_at', 'is', null)
    .orderBy('m.join_time')
    .execute();
}

/** Corp tags on any of the customer's active follows, with who put them there. */
export async function customerTags(tx: Tx, corpId: string, customerId: string) {
  const { rows } = await sql<{ tagId: string; name: string | null; groupName: string | null; staffUserids: string[] }>`
    select t.tag_id as "tagId", tg.name, g.name as "groupName", array_agg(distinct f.staff_userid) as "staffUserids"
      from follows f cross join lateral unnest(f.tag_ids) as t(tag_id)
      left join tags tg on tg.corp_id = f.corp_id and tg.tag_id = t.tag_id
      left join tag_groups g on g.corp_id = tg.corp_id and g.group_id = tg.group_id
     where f.corp_id = ${corpId} and f.customer_id = ${customerId} and f.deleted_at is null
     group by t.tag_id, tg.name, g.name, g.sort_order, tg.sort_order
     order by g.sort_order, tg.sort_order`.execute(tx);
  return rows;
}

export async function customerStages(tx: Tx, corpId: string, customerId: string) {
  return tx
    .selectFrom('pipelines as p')
    .leftJoin('customer_stages as cs', (j) => j.onRef('cs.corp_id', '=', 'p.corp_id').onRef('cs.pipeline_id', '=', 'p.id').on('cs.customer_id', '=', customerId))
    .leftJoin('stages as s', (j) => j.onRef('s.corp_id', '=', 'cs.corp_id').onRef('s.id', '=', 'cs.stage_id'))
    .select(['p.id as pipelineId', 'p.name as pipelineName', 's.id as stageId', 's.name as stageName', 'cs.entered_at as enteredAt'])
    .where('p.corp_id', '=', corpId)
    .orderBy('p.sort_order')
    .orderBy('p.created_at')
    .execute();
}

export async function customFieldValues(tx: Tx, corpId: string, customerId: string) {
  const { rows } = await sql<{ fieldId: string; key: string; label: string; type: string; options: string[]; value: string | number | null }>`
    select f.id as "fieldId", f.key, f.label, f.type, f.options,
           case f.type when 'number' then to_jsonb(v.number_value) when 'date' then to_jsonb(v.date_value::text) else to_jsonb(v.text_value) end as value
      from custom_fields f
      left join custom_field_values v on v.corp_id = f.corp_id and v.field_id = f.id and v.customer_id = ${customerId}
     where f.corp_id = ${corpId} order by f.sort_order, f.created_at`.execute(tx);
  return rows;
}

export function listNotes(tx: Tx, corpId: string, customerId: string) {
  return tx
    .selectFrom('follow_notes as n')
    .leftJoin('users as u', 'u.id', 'n.author_user_id')
    .select(['n.id', 'n.content', 'n.staff_userid as staffUserid', 'n.author_user_id as authorUserId', 'u.name as authorName', 'n.created_at as createdAt', 'n.updated_at as updatedAt'])
    .where('n.corp_id', '=', corpId)
    .where('n.customer_id', '=', customerId)
    .orderBy('n.created_at', 'desc')
    .limit(200)
    .execute();
}

export function insertNote(tx: Tx, corpId: string, customerId: string, authorUserId: string, staffUserid: string | null, content: string) {
  return tx
    .insertInto('follow_notes')
    .values({ corp_id: corpId, customer_id: customerId, author_user_id: authorUserId, staff_userid: staffUserid, content })
    .returning(['id', 'content', 'created_at as createdAt'])
    .executeTakeFirstOrThrow();
}

/** One note of a customer (its author, for the edit rights); undefined when there is none. */
export function findNote(tx: Tx, corpId: string, customerId: string, noteId: string) {
  return tx.selectFrom('follow_notes').select(['author_user_id']).where('corp_id', '=', corpId).where('customer_id', '=', customerId).where('id', '=', noteId).executeTakeFirst();
}

export async function deleteNote(tx: Tx, corpId: string, noteId: string): Promise<void> {
  await tx.deleteFrom('follow_notes').where('corp_id', '=', corpId).where('id', '=', noteId).execute();
}

export async function updateNote(tx: Tx, corpId: string, noteId: string, content: string): Promise<void> {
  await tx.updateTable('follow_notes').set({ content, updated_at: new Date() }).where('corp_id', '=', corpId).where('id', '=', noteId).execute();
}

export type TimelineQuery = { types?: string[]; from?: string; to?: string; cursor?: { at: string; id: number }; limit: number };

export async function timeline(tx: Tx, corpId: string, customerId: string, q: TimelineQuery) {
  let query = tx
    .selectFrom('events')
    .select(['id', 'type', 'source', 'occurred_at as occurredAt', 'properties'])
    .where('corp_id', '=', corpId)
    .where('customer_id', '=', customerId);
  if (q.types?.length) query = query.where('type', 'in', q.types);
  if (q.from) query = query.where('occurred_at', '>=', new Date(q.from));
  if (q.to) query = query.where('occurred_at', '<', new Date(q.to));
  if (q.cursor) {
    const c = q.cursor;
    query = query.where((eb) => eb.or([eb('occurred_at', '<', new Date(c.at)), eb.and([eb('occurred_at', '=', new Date(c.at)), eb('id', '<', c.id)])]));
  }
  const rows = await query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit).map((r) => ({ ...r, id: Number(r.id) }));
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? `${new Date(last.occurredAt).toISOString()}_${last.id}` : null };
}

export async function timelineTypes(tx: Tx, corpId: string, customerId: string) {
  const rows = await tx.selectFrom('events').select('type').distinct().where('corp_id', '=', corpId).where('customer_id', '=', customerId).execute();
  return rows.map((r) => r.type).sort();
}
