import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';

/** The tag library with each tag's customer count; `staffUserid` counts only that staff member's customers. */
export async function listTagTree(tx: Tx, corpId: string, staffUserid: string | null = null) {
  const groups = await tx.selectFrom('tag_groups').select(['group_id as groupId', 'name', 'sort_order as sortOrder']).where('corp_id', '=', corpId).orderBy('sort_order').orderBy('created_at').execute();
  const { rows: tags } = await sql<{ tagId: string; groupId: string; name: string; sortOrder: number; customers: number }>`
    select t.tag_id as "tagId", t.group_id as "groupId", t.name, t.sort_order as "sortOrder",
           (select count(distinct f.customer_id)::int from follows f
             where f.corp_id = t.corp_id and f.deleted_at is null and t.tag_id = any(f.tag_ids)
               and (${staffUserid}::text is null or exists (select 1 from follows o where o.corp_id = f.corp_id
                 and o.customer_id = f.customer_id and o.staff_userid = ${staffUserid} and o.deleted_at is null))) as customers
      from tags t where t.corp_id = ${corpId} order by t.sort_order, t.created_at`.execute(tx);
  return groups.map((g) => ({ ...g, tags: tags.filter((t) => t.groupId === g.groupId) }));
}

export async function upsertGroupFromWecom(tx: Tx, corpId: string, g: { group_id: string; group_name: string; order: number; create_time: number; tag: Array<{ id: string; name: string; order: number; create_time: number }> }) {
  await sql`insert into tag_groups (corp_id, group_id, name, sort_order, created_at) values (${corpId}, ${g.group_id}, ${g.group_name}, ${g.order}, to_timestamp(${g.create_time}))
            on conflict (corp_id, group_id) do update set name = excluded.name, updated_at = now()`.execute(tx);
  for (const t of g.tag) {
    await sql`insert into tags (corp_id, tag_id, group_id, name, sort_order, created_at) values (${corpId}, ${t.id}, ${g.group_id}, ${t.name}, ${t.order}, to_timestamp(${t.create_time}))
              on conflict (corp_id, tag_id) do update set name = excluded.name, group_id = excluded.group_id, updated_at = now()`.execute(tx);
  }
}

export async function renameTag(tx: Tx, corpId: string, id: string, patch: { name?: string; order?: number }): Promise<'tag' | 'group' | null> {
  const set = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.order !== undefined ? { sort_order: patch.order } : {}), updated_at: new Date() };
  const t = await tx.updateTable('tags').set(set).where('corp_id', '=', corpId).where('tag_id', '=', id).returning('tag_id').executeTakeFirst();
  if (t) return 'tag';
  const g = await tx.updateTable('tag_groups').set(set).where('corp_id', '=', corpId).where('group_id', '=', id).returning('group_id').executeTakeFirst();
  return g ? 'group' : null;
}

/** A tag or group with what a rename may change (to put it back). */
export async function findTagOrGroupRow(tx: Tx, corpId: string, id: string): Promise<{ kind: 'tag' | 'group'; name: string; order: number } | null> {
  const t = await tx.selectFrom('tags').select(['name', 'sort_order']).where('corp_id', '=', corpId).where('tag_id', '=', id).executeTakeFirst();
  if (t) return { kind: 'tag', name: t.name, order: Number(t.sort_order) };
  const g = await tx.selectFrom('tag_groups').select(['name', 'sort_order']).where('corp_id', '=', corpId).where('group_id', '=', id).executeTakeFirst();
  return g ? { kind: 'group', name: g.name, order: Number(g.sort_order) } : null;
}

export async function findTagOrGroup(tx: Tx, corpId: string, id: string): Promise<'tag' | 'group' | null> {
  if (await tx.selectFrom('tags').select('tag_id').where('corp_id', '=', corpId).where('tag_id', '=', id).executeTakeFirst()) return 'tag';
  if (await tx.selectFrom('tag_groups').select('group_id').where('corp_id', '=', corpId).where('group_id', '=', id).executeTakeFirst()) return 'group';
  return null;
}

/** Deletes a tag or a whole group locally and strips the removed tags from follows. */
export async function deleteTagOrGroup(tx: Tx, corpId: string, id: string): Promise<string[]> {
  const { rows } = await sql<{ tag_id: string }>`
    delete from tags where corp_id = ${corpId} and (tag_id = ${id} or group_id = ${id}) returning tag_id`.execute(tx);
  await sql`delete from tag_groups where corp_id = ${corpId} and group_id = ${id}`.execute(tx);
  const gone = rows.map((r) => r.tag_id);
  if (gone.length) {
    await sql`update follows set tag_ids = array(select t from unnest(tag_ids) t where not (t = any(${gone}::text[]))), updated_at = now()
               where corp_id = ${corpId} and tag_ids && ${gone}::text[]`.execute(tx);
  }
  return gone;
}

export async function existingTagIds(tx: Tx, corpId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.selectFrom('tags').select('tag_id').where('corp_id', '=', corpId).where('tag_id', 'in', ids).execute();
  return new Set(rows.map((r) => r.tag_id));
}

export type FollowRef = { customerId: string; externalUserid: string; staffUserid: string };

export async function activeFollows(tx: Tx, corpId: string, customerIds: string[], staffUserid: string | null): Promise<FollowRef[]> {
  if (customerIds.length === 0) return [];
  const { rows } = await sql<FollowRef>`
    select f.customer_id as "customerId", c.external_userid as "externalUserid", f.staff_userid as "staffUserid"
      from follows f join customers c on c.corp_id = f.corp_id and c.id = f.customer_id
     where f.corp_id = ${corpId} and f.customer_id = any(${customerIds}::uuid[]) and f.deleted_at is null
       and c.external_userid is not null ${staffUserid ? sql`and f.staff_userid = ${staffUserid}` : sql``}
     order by f.customer_id, f.staff_userid`.execute(tx);
  return rows;
}

export async function applyFollowTags(tx: Tx, corpId: string, f: FollowRef, add: string[], remove: string[]): Promise<void> {
  await sql`update follows set tag_ids = array(select distinct t from unnest(tag_ids || ${add}::text[]) t where not (t = any(${remove}::text[])) order by t),
              updated_at = now()
             where corp_id = ${corpId} and customer_id = ${f.customerId} and staff_userid = ${f.staffUserid}`.execute(tx);
}

/** A queued bulk tagging job over the listed customers. */
export function insertTagJob(tx: Tx, corpId: string, j: { add: string[]; remove: string[]; customerIds: string[]; createdBy: string }) {
  return tx
    .insertInto('tag_jobs')
    .values({ corp_id: corpId, add_tag_ids: j.add, remove_tag_ids: j.remove, customer_ids: j.customerIds, status: 'queued', errors: '[]', created_by: j.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A bulk tagging job's progress; undefined when there is no such job. */
export function findTagJob(tx: Tx, corpId: string, id: string) {
  return tx
    .selectFrom('tag_jobs')
    .select(['id', 'status', 'total', 'done', 'failed', 'errors', 'add_tag_ids as add', 'remove_tag_ids as remove', 'created_at as createdAt', 'finished_at as finishedAt'])
    .select(sql<number>`cardinality(customer_ids)`.as('customers'))
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .executeTakeFirst();
}
