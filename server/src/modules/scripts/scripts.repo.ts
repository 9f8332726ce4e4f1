// SQL of the script library: folders, scripts (with what stage and tags they suit) and uses per staff member.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { containsPattern } from '../../db/like';

export type ScriptRow = { id: string; folderId: string | null; title: string; content: string; tagIds: string[]; stageIds: string[]; uses: number; updatedAt: Date };
export type ScriptWrite = { folderId: string | null; title: string; content: string; tagIds: string[]; stageIds: string[] };

export async function listFolders(tx: Tx, corpId: string) {
  const { rows } = await sql<{ id: string; name: string; sortOrder: number; scripts: number }>`
    select f.id, f.name, f.sort_order as "sortOrder", (select count(*)::int from scripts s where s.corp_id = f.corp_id and s.folder_id = f.id) as scripts
      from script_folders f where f.corp_id = ${corpId} order by f.sort_order, f.name`.execute(tx);
  return rows;
}

/** Scripts with their uses: everyone's together, or one staff member's when `staffUserid` is given. */
export async function listScripts(tx: Tx, corpId: string, q: { folderId?: string; q?: string; staffUserid?: string }): Promise<ScriptRow[]> {
  let query = tx
    .selectFrom('scripts as s')
    .select(['s.id', 's.folder_id as folderId', 's.title', 's.content', 's.tag_ids as tagIds', 's.stage_ids as stageIds', 's.updated_at as updatedAt'])
    .select((eb) =>
      eb
        .selectFrom('script_uses as u')
        .select(sql<number>`coalesce(sum(u.uses), 0)::int`.as('n'))
        .whereRef('u.corp_id', '=', 's.corp_id')
        .whereRef('u.script_id', '=', 's.id')
        .$if(q.staffUserid !== undefined, (w) => w.where('u.staff_userid', '=', q.staffUserid ?? ''))
        .as('uses'),
    )
    .where('s.corp_id', '=', corpId);
  if (q.folderId) query = query.where('s.folder_id', '=', q.folderId);
  if (q.q) {
    const p = containsPattern(q.q);
    query = query.where((eb) => eb.or([eb('s.title', 'ilike', p), eb('s.content', 'ilike', p)]));
  }
  const rows = await query.orderBy('s.updated_at', 'desc').limit(500).execute();
  return rows.map((r) => ({ ...r, uses: Number(r.uses ?? 0) }));
}

export async function folderExists(tx: Tx, corpId: string, id: string): Promise<boolean> {
  return !!(await tx.selectFrom('script_folders').select('id').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst());
}

export async function folderNames(tx: Tx, corpId: string): Promise<Map<string, string>> {
  const rows = await tx.selectFrom('script_folders').select(['id', 'name']).where('corp_id', '=', corpId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertFolder(tx: Tx, corpId: string, name: string) {
  return tx
    .insertInto('script_folders')
    .values({ corp_id: corpId, name })
    .onConflict((oc) => oc.columns(['corp_id', 'name']).doNothing())
    .returning(['id', 'name', 'sort_order as sortOrder'])
    .executeTakeFirst();
}

export async function deleteFolder(tx: Tx, corpId: string, id: string): Promise<boolean> {
  const r = await tx.deleteFrom('script_folders').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function insertScript(tx: Tx, corpId: string, s: ScriptWrite, by: string | null): Promise<string> {
  const r = await tx
    .insertInto('scripts')
    .values({ corp_id: corpId, folder_id: s.folderId, title: s.title, content: s.content, tag_ids: s.tagIds, stage_ids: s.stageIds, created_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateScript(tx: Tx, corpId: string, id: string, s: ScriptWrite): Promise<boolean> {
  const r = await tx
    .updateTable('scripts')
    .set({ folder_id: s.folderId, title: s.title, content: s.content, tag_ids: s.tagIds, stage_ids: s.stageIds, updated_at: new Date() })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteScript(tx: Tx, corpId: string, id: string): Promise<boolean> {
  const r = await tx.deleteFrom('scripts').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** One more use of a script by a staff member; false when the script is gone. */
export async function addUse(tx: Tx, corpId: string, scriptId: string, staffUserid: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    insert into script_uses (corp_id, script_id, staff_userid, uses, last_used_at)
    select corp_id, id, ${staffUserid}, 1, now() from scripts where corp_id = ${corpId} and id = ${scriptId}
    on conflict (corp_id, script_id, staff_userid) do update set uses = script_uses.uses + 1, last_used_at = now()
    returning uses as n`.execute(tx);
  return rows.length > 0;
}

export async function usesByStaff(tx: Tx, corpId: string) {
  return tx
    .selectFrom('script_uses as u')
    .innerJoin('scripts as s', (j) => j.onRef('s.corp_id', '=', 'u.corp_id').onRef('s.id', '=', 'u.script_id'))
    .leftJoin('staff as st', (j) => j.onRef('st.corp_id', '=', 'u.corp_id').onRef('st.userid', '=', 'u.staff_userid'))
    .select(['u.script_id as scriptId', 's.title', 'u.staff_userid as staffUserid', sql<string>`coalesce(st.name, u.staff_userid)`.as('staffName'), 'u.uses', 'u.last_used_at as lastUsedAt'])
    .where('u.corp_id', '=', corpId)
    .orderBy('u.uses', 'desc')
    .limit(1000)
    .execute();
}

export function findScript(tx: Tx, corpId: string, id: string) {
  return tx.selectFrom('scripts').select(['id', 'title', 'content']).where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
}
