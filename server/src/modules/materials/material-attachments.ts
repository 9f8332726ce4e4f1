// Turns library materials into the `attachments` of send_welcome_msg / add_msg_template (purpose 'message') or
// add_moment_task (purpose 'moment'). Files are uploaded to WeCom when used: media/upload for messages,
// upload_attachment for moments (ids of one are refused by the other), media/uploadimg once for a link's cover.
// A media_id lives 3 days, so one within 12 h of its end is uploaded again. WeCom is called outside any transaction:
// files are read in one, uploaded, and the new ids saved in another.
import type { MediaType, MessageAttachment, MomentAttachment, WecomClient } from '@siyu/wecom';
import { MEDIA_TTL_SECONDS } from '@siyu/wecom';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { MediaPurpose } from '../../db/schema-materials';
import { withCorp } from '../../db/tenancy';
import { DomainError } from '../../http/errors';
import { wecomCall } from '../../platform/wecom-call';
import type { WecomConnections } from '../wecom';
import * as repo from './materials.repo';
import type { MaterialRow } from './materials.repo';

export type WecomAttachment = MessageAttachment | MomentAttachment;
export type AttachmentPurpose = 'message' | 'moment';
export type MaterialDeps = { db: Kysely<DB>; wecom: Pick<WecomConnections, 'contactClient'>; now?: () => number };

/** Re-upload a media_id this close to its end. */
export const REUPLOAD_MARGIN_MS = 12 * 3600 * 1000;
const MAX_ATTACHMENTS = 9;
const codes = { rejected: 'material_wecom_rejected' } as const;

/** The attachment rules of the purpose, checked before anything is uploaded. */
export function checkAttachable(rows: readonly MaterialRow[], purpose: AttachmentPurpose): void {
  for (const m of rows) {
    if (m.kind === 'text') throw new DomainError('material_not_attachable', `"${m.title}" is a text script`);
    if (purpose === 'moment' && (m.kind === 'file' || m.kind === 'miniprogram')) {
      throw new DomainError('material_not_attachable', `moments take images, a video or a link, not "${m.title}" (${m.kind})`);
    }
    if (m.kind !== 'link' && !m.fileSize) throw new DomainError('material_file_required', `"${m.title}" has no file`);
    if (purpose === 'moment' && m.kind === 'link' && !m.fileSize) {
      throw new DomainError('material_file_required', `the link "${m.title}" needs a cover image for moments`);
    }
  }
  if (rows.length > MAX_ATTACHMENTS) throw new DomainError('material_too_many', `${rows.length} attachments, WeCom takes ${MAX_ATTACHMENTS}`);
  if (purpose === 'moment') {
    const images = rows.filter((m) => m.kind === 'image' || m.kind === 'poster').length;
    const others = rows.length - images;
    if (others > 1 || (others === 1 && images > 0)) {
      throw new DomainError('material_too_many', 'a moment holds up to 9 images, or one video, or one link');
    }
  }
}

function mediaTypeOf(kind: MaterialRow['kind']): MediaType {
  return kind === 'video' ? 'video' : kind === 'file' ? 'file' : 'image';
}

function filenameOf(m: MaterialRow): string {
  if (m.fileName) return m.fileName;
  return m.mimeType === 'image/png' ? 'cover.png' : m.mimeType === 'video/mp4' ? 'video.mp4' : 'cover.jpg';
}

export async function materialAttachments(
  deps: MaterialDeps,
  corpId: string,
  materialIds: readonly string[],
  purpose: AttachmentPurpose,
): Promise<WecomAttachment[]> {
  const now = deps.now ?? Date.now;
  const ids = [...new Set(materialIds)];
  const mediaPurpose: MediaPurpose = purpose;
  const { rows, cached, urls } = await withCorp(deps.db, corpId, async (tx) => ({
    rows: await repo.findMaterials(tx, corpId, ids),
    cached: await repo.findMedia(tx, corpId, ids, mediaPurpose),
    urls: await repo.findMedia(tx, corpId, ids, 'lasting_url'),
  }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.find((id) => !byId.has(id));
  if (missing) throw new DomainError('material_not_found', missing);
  const ordered = ids.map((id) => byId.get(id) as MaterialRow);
  checkAttachable(ordered, purpose);

  let client: WecomClient | null = null;
  const wecom = async () => (client ??= await deps.wecom.contactClient(corpId));
  const fileOf = async (m: MaterialRow) => {
    const data = await withCorp(deps.db, corpId, (tx) => repo.readFile(tx, corpId, m.id));
    if (!data) throw new DomainError('material_file_required', `"${m.title}" has no file`);
    return { data, filename: filenameOf(m), contentType: m.mimeType ?? undefined };
  };

  /** The material's media_id for this purpose: the cached one while it has 12 h left, else a fresh upload. */
  async function mediaId(m: MaterialRow): Promise<string> {
    const hit = cached.get(m.id);
    if (hit && hit.expiresAt && hit.expiresAt.getTime() - now() > REUPLOAD_MARGIN_MS) return hit.mediaId;
    const file = await fileOf(m);
    const type = mediaTypeOf(m.kind);
    const res = await wecomCall(codes, async () =>
      purpose === 'moment'
        ? (await wecom()).uploadAttachment(type === 'video' ? 'video' : 'image', file, 1)
        : (await wecom()).uploadMedia(type, file),
    );
    const createdMs = Number(res.created_at) * 1000 || now();
    const expiresAt = new Date(createdMs + MEDIA_TTL_SECONDS * 1000);
    await withCorp(deps.db, corpId, (tx) =>
      repo.saveMedia(tx, corpId, { materialId: m.id, purpose: mediaPurpose, mediaId: res.media_id, uploadedAt: new Date(createdMs), expiresAt }),
    );
    return res.media_id;
  }

  /** A link cover's lasting URL (media/uploadimg), uploaded once. */
  async function coverUrl(m: MaterialRow): Promise<string | undefined> {
    if (!m.fileSize) return undefined;
    const hit = urls.get(m.id);
    if (hit) return hit.mediaId;
    const file = await fileOf(m);
    const res = await wecomCall(codes, async () => (await wecom()).uploadImage(file));
    await withCorp(deps.db, corpId, (tx) =>
      repo.saveMedia(tx, corpId, { materialId: m.id, purpose: 'lasting_url', mediaId: res.url, uploadedAt: new Date(now()), expiresAt: null }),
    );
    return res.url;
  }

  const out: WecomAttachment[] = [];
  for (const m of ordered) {
    if (m.kind === 'image' || m.kind === 'poster') out.push({ msgtype: 'image', image: { media_id: await mediaId(m) } });
    else if (m.kind === 'video') out.push({ msgtype: 'video', video: { media_id: await mediaId(m) } });
    else if (m.kind === 'file') out.push({ msgtype: 'file', file: { media_id: await mediaId(m) } });
    else if (m.kind === 'miniprogram') {
      out.push({ msgtype: 'miniprogram', miniprogram: { title: m.title, pic_media_id: await mediaId(m), appid: m.appid, page: m.page } });
    } else if (m.kind === 'link' && purpose === 'moment') {
      out.push({ msgtype: 'link', link: { title: m.title, url: m.url, media_id: await mediaId(m) } });
    } else if (m.kind === 'link') {
      const picurl = await coverUrl(m);
      out.push({ msgtype: 'link', link: { title: m.title, url: m.url, ...(m.description ? { desc: m.description } : {}), ...(picurl ? { picurl } : {}) } });
    }
  }
  return out;
}
