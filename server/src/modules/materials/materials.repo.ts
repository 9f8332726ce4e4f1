// SQL of the material library's own tables: folders, materials, their file parts, cached WeCom media ids, uses.
import type { MaterialKind } from '@siyu/contracts';
import { sql } from 'kysely';
import type { MediaPurpose } from '../../db/schema-materials';
import type { Tx } from '../../db/tenancy';

export const PART_BYTES = 128 * 1024;

export type MaterialRow = {
  id: string;
  kind: MaterialKind;
  title: string;
  folderId: string | null;
  folderName: string | null;
  tags: string[];
  text: string;
  url: string;
  description: string;
  appid: string;
  page: string;
  fileName: string | null;
  mimeType: string | null;
  fileSize: number | null;
  useCount: number;
  lastUsedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

function base(tx: Tx, corpId: string) {
  return tx
    .selectFrom('materials as m')
    .leftJoin('material_folders as f', (j) => j.onRef('f.corp_id', '=', 'm.corp_id').onRef('f.id', '=', 'm.folder_id'))
    .where('m.corp_id', '=', corpId)
    .where('m.deleted_at', 'is', null)
    .select([
      'm.id',
      'm.kind',
      'm.title',
      'm.folder_id as folderId',
      'f.name as folderName',
      'm.tags',
      'm.text',
      'm.url',
      'm.description',
      'm.appid',
      'm.page',
      'm.file_name as fileName',
      'm.mime_type as mimeType',
      'm.file_size as fileSize',
      'm.use_count as useCount',
      'm.last_used_at as lastUsedAt',
      'm.created_at as createdAt',
      'm.updated_at as updatedAt',
    ]);
}

export type ListFilter = { folderId?: string; kind?: MaterialKind; q?: string; tag?: string; page: number; pageSize: number };

export async function listMaterials(tx: Tx, corpId: string, f: ListFilter): Promise<{ items: MaterialRow[]; total: number }> {
  let q = base(tx, corpId);
  if (f.folderId) q = q.where('m.folder_id', '=', f.folderId);
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  if (f.tag) q = q.where(sql<boolean>`${f.tag} = any(m.tags)`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('m.title', 'ilike', like), eb('m.text', 'ilike', like), eb('m.description', 'ilike', like)]));
  }
  const [items, count] = await Promise.all([
    q.orderBy('m.created_at', 'desc').orderBy('m.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function findMaterials(tx: Tx, corpId: string, ids: readonly string[]): Promise<MaterialRow[]> {
  if (!ids.length) return [];
  return base(tx, corpId).where('m.id', 'in', [...ids]).execute();
}

export type NewMaterial = {
  kind: MaterialKind;
  title: string;
  folderId: string | null;
  tags: string[];
  text: string;
  url: string;
  description: string;
  appid: string;
  page: string;
  file: { name: string; mimeType: string; size: number; parts: number } | null;
  createdBy: string | null;
};

export async function insertMaterial(tx: Tx, corpId: string, m: NewMaterial): Promise<string> {
  const row = await tx
    .insertInto('materials')
    .values({
      corp_id: corpId,
      kind: m.kind,
      title: m.title,
      folder_id: m.folderId,
      tags: m.tags,
      text: m.text,
      url: m.url,
      description: m.description,
      appid: m.appid,
      page: m.page,
      file_name: m.file?.name ?? null,
      mime_type: m.file?.mimeType ?? null,
      file_size: m.file?.size ?? null,
      file_parts: m.file?.parts ?? 0,
      created_by: m.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type MaterialPatch = Partial<Pick<NewMaterial, 'title' | 'folderId' | 'tags' | 'text' | 'url' | 'description' | 'appid' | 'page'>>;

export async function updateMaterial(tx: Tx, corpId: string, id: string, p: MaterialPatch): Promise<boolean> {
  const res = await tx
    .updateTable('materials')
    .set({
      ...(p.title !== undefined ? { title: p.title } : {}),
      ...(p.folderId !== undefined ? { folder_id: p.folderId } : {}),
      ...(p.tags !== undefined ? { tags: p.tags } : {}),
      ...(p.text !== undefined ? { text: p.text } : {}),
      ...(p.url !== undefined ? { url: p.url } : {}),
      ...(p.description !== undefined ? { description: p.description } : {}),
      ...(p.appid !== undefined ? { appid: p.appid } : {}),
      ...(p.page !== undefined ? { page: p.page } : {}),
      updated_at: new Date(),
    })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Soft delete: past sends keep pointing at it; its file parts and media ids go. */
export async function deleteMaterial(tx: Tx, corpId: string, id: string): Promise<boolean> {
  const res = await tx
    .updateTable('materials')
    .set({ deleted_at: new Date(), file_parts: 0 })
    .where('corp_id', '=', corpId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return false;
  await tx.deleteFrom('material_parts').where('corp_id', '=', corpId).where('material_id', '=', id).execute();
  await tx.deleteFrom('material_media').where('corp_id', '=', corpId).where('material_id', '=', id).execute();
  return true;
}

// Parts travel as base64 text: binding a bytea parameter is slow on PGlite, decode()/encode() in SQL is not.
export async function insertPart(tx: Tx, corpId: string, materialId: string, partNo: number, data: Uint8Array): Promise<void> {
  await sql`insert into material_parts (corp_id, material_id, part_no, data)
            values (${corpId}, ${materialId}::uuid, ${partNo}, decode(${Buffer.from(data).toString('base64')}, 'base64'))`.execute(tx);
}

export async function readFile(tx: Tx, corpId: string, materialId: string): Promise<Buffer | null> {
  const { rows } = await sql<{ data: string }>`
    select encode(data, 'base64') as data from material_parts
     where corp_id = ${corpId} and material_id = ${materialId}::uuid order by part_no`.execute(tx);
  return rows.length ? Buffer.concat(rows.map((r) => Buffer.from(r.data, 'base64'))) : null;
}

export type CachedMedia = { mediaId: string; expiresAt: Date | null };

export async function findMedia(tx: Tx, corpId: string, ids: readonly string[], purpose: MediaPurpose): Promise<Map<string, CachedMedia>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .selectFrom('material_media')
    .select(['material_id', 'media_id', 'expires_at'])
    .where('corp_id', '=', corpId)
    .where('purpose', '=', purpose)
    .where('material_id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.material_id, { mediaId: r.media_id, expiresAt: r.expires_at }]));
}

export async function saveMedia(
  tx: Tx,
  corpId: string,
  m: { materialId: string; purpose: MediaPurpose; mediaId: string; uploadedAt: Date; expiresAt: Date | null },
): Promise<void> {
  await tx
    .insertInto('material_media')
    .values({ corp_id: corpId, material_id: m.materialId, purpose: m.purpose, media_id: m.mediaId, uploaded_at: m.uploadedAt, expires_at: m.expiresAt })
    .onConflict((oc) =>
      oc.columns(['corp_id', 'material_id', 'purpose']).doUpdateSet({ media_id: m.mediaId, uploaded_at: m.uploadedAt, expires_at: m.expiresAt }),
    )
    .execute();
}

export async function insertUse(tx: Tx, corpId: string, materialId: string, staffUserid: string | null, purpose: string): Promise<void> {
  const res = await tx
    .updateTable('materials')
    .set((eb) => ({ use_count: eb('use_count', '+', 1), last_used_at: new Date() }))
    .where('corp_id', '=', corpId)
    .where('id', '=', materialId)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return;
  await tx.insertInto('material_uses').values({ corp_id: corpId, material_id: materialId, staff_userid: staffUserid, purpose }).execute();
}

export async function listTags(tx: Tx, corpId: string): Promise<string[]> {
  const { rows } = await sql<{ tag: string }>`
    select distinct unnest(tags) as tag from materials where corp_id = ${corpId} and deleted_at is null order by tag`.execute(tx);
  return rows.map((r) => r.tag);
}

export async function listFolders(tx: Tx, corpId: string) {
  return tx
    .selectFrom('material_folders as f')
    .where('f.corp_id', '=', corpId)
    .select((eb) => [
      'f.id',
      'f.name',
      'f.parent_id as parentId',
      eb
        .selectFrom('materials as m')
        .whereRef('m.corp_id', '=', 'f.corp_id')
        .whereRef('m.folder_id', '=', 'f.id')
        .where('m.deleted_at', 'is', null)
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('materials'),
    ])
    .orderBy('f.name')
    .execute()
    .then((rows) => rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parentId, materials: Number(r.materials ?? 0) })));
}

export async function folderExists(tx: Tx, corpId: string, id: string): Promise<boolean> {
  const row = await tx.selectFrom('material_folders').select('id').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return !!row;
}

export async function insertFolder(tx: Tx, corpId: string, name: string, parentId: string | null): Promise<string> {
  const row = await tx.insertInto('material_folders').values({ corp_id: corpId, name, parent_id: parentId }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function renameFolder(tx: Tx, corpId: string, id: string, name: string): Promise<boolean> {
  const res = await tx.updateTable('material_folders').set({ name }).where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function deleteFolder(tx: Tx, corpId: string, id: string): Promise<boolean> {
  const res = await tx.deleteFrom('material_folders').where('corp_id', '=', corpId).where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
