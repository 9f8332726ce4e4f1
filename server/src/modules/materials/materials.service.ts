// Decisions of the material library: what each kind needs, files checked as WeCom checks them and kept in parts,
// folders that must exist in the caller's corp, summaries for pickers.
import type { CreateMaterialBodyT, FolderBodyT, Material, MaterialListQueryT, MaterialSummary, UpdateMaterialBodyT } from '@siyu/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { withCorp, type Tx } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { checkMaterialFile } from './material-file';
import * as repo from './materials.repo';
import type { MaterialRow } from './materials.repo';

const HAS_IMAGE = new Set(['image', 'poster', 'link', 'miniprogram']);

export function imageUrlOf(m: Pick<MaterialRow, 'id' | 'kind' | 'fileSize'>): string | null {
  return HAS_IMAGE.has(m.kind) && m.fileSize ? `/api/materials/${m.id}/file` : null;
}

export function previewOf(m: MaterialRow): string {
  if (m.kind === 'text') return m.text.split('\n')[0].slice(0, 80);
  if (m.kind === 'link') return m.url;
  if (m.kind === 'miniprogram') return `${m.appid} ${m.page}`.trim();
  return m.fileName ?? '';
}

export const toSummary = (m: MaterialRow): MaterialSummary => ({ id: m.id, kind: m.kind, title: m.title, preview: previewOf(m), imageUrl: imageUrlOf(m) });
const toMaterial = (m: MaterialRow): Material => ({
  ...m,
  preview: previewOf(m),
  lastUsedAt: m.lastUsedAt ? m.lastUsedAt.toISOString() : null,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
  imageUrl: imageUrlOf(m),
});

/** What each kind needs besides its title. */
function checkFields(b: { kind: Material['kind']; text?: string; url?: string; appid?: string; page?: string; hasFile: boolean }): void {
  const need = (ok: boolean, what: string) => {
    if (!ok) throw new DomainError('material_fields_invalid', what);
  };
  if (b.kind === 'text') need(!!b.text?.trim(), 'a text script needs its text');
  if (b.kind === 'link') need(/^https?:\/\/\S+$/.test(b.url ?? ''), 'a link needs an http(s) URL');
  if (b.kind === 'miniprogram') {
    need(/^wx[0-9a-f]{16}$/i.test(b.appid ?? ''), 'a mini-program needs its appid (wx + 16 hex characters)');
    need(!!b.page?.trim(), 'a mini-program needs its page path');
    if (!b.hasFile) throw new DomainError('material_file_required', 'a mini-program needs a cover image');
  }
  if (['image', 'poster', 'video', 'file'].includes(b.kind) && !b.hasFile) throw new DomainError('material_file_required');
}

async function requireFolder(tx: Tx, corpId: string, folderId: string | null | undefined): Promise<void> {
  if (folderId && !(await repo.folderExists(tx, corpId, folderId))) throw new DomainError('material_folder_not_found');
}

export function createMaterialsService(db: Kysely<DB>) {
  return {
    async list(auth: AuthContext, q: MaterialListQueryT) {
      const res = await withCorp(db, auth.corpId, (tx) => repo.listMaterials(tx, auth.corpId, q));
      return { items: res.items.map(toMaterial), total: res.total };
    },

    async get(auth: AuthContext, id: string): Promise<Material> {
      const [row] = await withCorp(db, auth.corpId, (tx) => repo.findMaterials(tx, auth.corpId, [id]));
      if (!row) throw new DomainError('material_not_found');
      return toMaterial(row);
    },

    async summaries(auth: AuthContext, ids: readonly string[]): Promise<MaterialSummary[]> {
      const rows = await withCorp(db, auth.corpId, (tx) => repo.findMaterials(tx, auth.corpId, ids));
      return rows.map(toSummary);
    },

    async create(auth: AuthContext, b: CreateMaterialBodyT): Promise<Material> {
      checkFields({ ...b, hasFile: !!b.file });
      const file = b.file ? { ...checkMaterialFile(b.kind, b.file.base64), name: b.file.name } : null;
      const id = await withCorp(db, auth.corpId, async (tx) => {
        await requireFolder(tx, auth.corpId, b.folderId);
        const parts = file ? Math.ceil(file.data.length / repo.PART_BYTES) : 0;
        const id = await repo.insertMaterial(tx, auth.corpId, {
          kind: b.kind,
          title: b.title.trim(),
          folderId: b.folderId ?? null,
          tags: [...new Set((b.tags ?? []).map((t) => t.trim()).filter(Boolean))],
          text: b.text ?? '',
          url: b.url ?? '',
          description: b.description ?? '',
          appid: b.appid ?? '',
          page: b.page ?? '',
          file: file ? { name: file.name, mimeType: file.mimeType, size: file.data.length, parts } : null,
          createdBy: auth.userId,
        });
        for (let i = 0; i < parts; i++) {
          await repo.insertPart(tx, auth.corpId, id, i, file!.data.subarray(i * repo.PART_BYTES, (i + 1) * repo.PART_BYTES));
        }
        return id;
      });
      return this.get(auth, id);
    },

    async update(auth: AuthContext, id: string, b: UpdateMaterialBodyT): Promise<Material> {
      const current = await this.get(auth, id);
      checkFields({
        kind: current.kind,
        text: b.text ?? current.text,
        url: b.url ?? current.url,
        appid: b.appid ?? current.appid,
        page: b.page ?? current.page,
        hasFile: !!current.fileSize,
      });
      await withCorp(db, auth.corpId, async (tx) => {
        await requireFolder(tx, auth.corpId, b.folderId);
        const tags = b.tags ? [...new Set(b.tags.map((t) => t.trim()).filter(Boolean))] : undefined;
        if (!(await repo.updateMaterial(tx, auth.corpId, id, { ...b, title: b.title?.trim(), tags }))) throw new DomainError('material_not_found');
      });
      return this.get(auth, id);
    },

    async remove(auth: AuthContext, id: string): Promise<void> {
      const ok = await withCorp(db, auth.corpId, (tx) => repo.deleteMaterial(tx, auth.corpId, id));
      if (!ok) throw new DomainError('material_not_found');
    },

    async file(auth: AuthContext, id: string): Promise<{ data: Buffer; mimeType: string; fileName: string }> {
      const m = await this.get(auth, id);
      const data = await withCorp(db, auth.corpId, (tx) => repo.readFile(tx, auth.corpId, id));
      if (!data) throw new DomainError('not_found');
      return { data, mimeType: m.mimeType ?? 'application/octet-stream', fileName: m.fileName ?? 'file' };
    },

    tags: (auth: AuthContext) => withCorp(db, auth.corpId, (tx) => repo.listTags(tx, auth.corpId)).then((tags) => ({ tags })),
    folders: (auth: AuthContext) => withCorp(db, auth.corpId, (tx) => repo.listFolders(tx, auth.corpId)).then((items) => ({ items })),

    async createFolder(auth: AuthContext, b: FolderBodyT) {
      const id = await withCorp(db, auth.corpId, async (tx) => {
        await requireFolder(tx, auth.corpId, b.parentId);
        return repo.insertFolder(tx, auth.corpId, b.name.trim(), b.parentId ?? null);
      });
      return { id, name: b.name.trim(), parentId: b.parentId ?? null, materials: 0 };
    },

    async renameFolder(auth: AuthContext, id: string, name: string) {
      if (!(await withCorp(db, auth.corpId, (tx) => repo.renameFolder(tx, auth.corpId, id, name.trim())))) {
        throw new DomainError('material_folder_not_found');
      }
    },

    /** Its sub-folders go with it; its materials stay, outside any folder. */
    async deleteFolder(auth: AuthContext, id: string) {
      if (!(await withCorp(db, auth.corpId, (tx) => repo.deleteFolder(tx, auth.corpId, id)))) throw new DomainError('material_folder_not_found');
    },
  };
}

export type MaterialsService = ReturnType<typeof createMaterialsService>;
