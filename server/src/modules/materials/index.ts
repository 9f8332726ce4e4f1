// The material library's port (素材库). Other modules (broadcasts, moments, channels' welcome, the sidebar) import
// only this file:
//
//   materialAttachments(deps: { db: Kysely<DB>; wecom: Pick<WecomConnections, 'contactClient'>; now?: () => number },
//                       corpId: string, materialIds: readonly string[], purpose: 'message' | 'moment')
//     : Promise<WecomAttachment[]>
//     The `attachments` entries of send_welcome_msg / add_msg_template ('message') or add_moment_task ('moment'), in
//     the order given, duplicates dropped: image / link / miniprogram / video / file, with media_ids uploaded to WeCom
//     as needed (media/upload for messages, upload_attachment for moments, media/uploadimg once for a link's cover) and
//     re-uploaded when the cached one is within 12 h of its 3 days. Throws DomainError before any upload:
//     material_not_found (missing, deleted, other corp), material_not_attachable (a text script; file or
//     mini-program in a moment), material_file_required, material_too_many (> 9; a moment: ≤ 9 images, or one video,
//     or one link). material_wecom_rejected / wecom_unavailable when WeCom refuses or cannot be reached. Never call it
//     inside a database transaction: it calls WeCom.
//   getMaterials(db: Kysely<DB> | Tx, corpId: string, ids: readonly string[]): Promise<MaterialSummary[]>
//     Plain summaries {id, kind, title, preview, imageUrl} for pickers; unknown or deleted ids are left out.
//   recordMaterialUse(tx: Tx, corpId: string, materialId: string, staffUserid: string | null, purpose: string)
//     : Promise<void>   — one use: use_count + 1, last_used_at, a material_uses row (inside the caller's transaction).
//   checkMaterialsAttachable(db, corpId, ids, purpose): Promise<void> — the same checks as materialAttachments, without
//     uploading, for validating a form before anything is sent.
//   materialFile(db, corpId, id): Promise<{ kind, data, mimeType } | null> — a material's stored file (a fission
//     poster's background on its public page); null when missing, deleted or without a file.
import type { MaterialKind, MaterialSummary } from '@siyu/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { withCorp, type Tx } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { checkAttachable, type AttachmentPurpose } from './material-attachments';
import * as repo from './materials.repo';
import { toSummary } from './materials.service';

export { materialAttachments, type WecomAttachment, type MaterialDeps, type AttachmentPurpose } from './material-attachments';
export { createMaterialsModule } from './materials.module';

const run = <T>(db: Kysely<DB> | Tx, corpId: string, fn: (tx: Tx) => Promise<T>): Promise<T> =>
  db.isTransaction ? fn(db as Tx) : withCorp(db, corpId, fn);

export async function getMaterials(db: Kysely<DB> | Tx, corpId: string, ids: readonly string[]): Promise<MaterialSummary[]> {
  const rows = await run(db, corpId, (tx) => repo.findMaterials(tx, corpId, [...new Set(ids)]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.filter((id, i) => byId.has(id) && ids.indexOf(id) === i).map((id) => toSummary(byId.get(id)!));
}

export async function recordMaterialUse(tx: Tx, corpId: string, materialId: string, staffUserid: string | null, purpose: string): Promise<void> {
  await repo.insertUse(tx, corpId, materialId, staffUserid, purpose);
}

export async function materialFile(db: Kysely<DB> | Tx, corpId: string, id: string): Promise<{ kind: MaterialKind; data: Buffer; mimeType: string } | null> {
  return run(db, corpId, async (tx) => {
    const [m] = await repo.findMaterials(tx, corpId, [id]);
    const data = m ? await repo.readFile(tx, corpId, id) : null;
    return m && data ? { kind: m.kind, data, mimeType: m.mimeType ?? 'application/octet-stream' } : null;
  });
}

export async function checkMaterialsAttachable(db: Kysely<DB> | Tx, corpId: string, ids: readonly string[], purpose: AttachmentPurpose): Promise<void> {
  const unique = [...new Set(ids)];
  const rows = await run(db, corpId, (tx) => repo.findMaterials(tx, corpId, unique));
  const missing = unique.find((id) => !rows.some((r) => r.id === id));
  if (missing) throw new DomainError('material_not_found', missing);
  checkAttachable(unique.map((id) => rows.find((r) => r.id === id)!), purpose);
}
