// Media: media/upload (temporary, 3 days), media/uploadimg (a lasting image URL) and media/upload_attachment (moments
// or the product album), multipart with the file in field `media`, with WeCom's sizes, types and errcodes. Other
// routes check attachment media_ids with `requireMedia` (unknown or older than 3 days → 40007).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { defineApi } from '../api';
import { WxError } from '../errors';
import type { SandboxState } from '../state';
import type { CorpState } from '../types';

export const MEDIA_TTL_S = 3 * 24 * 3600;
const MB = 1024 * 1024;
const MIN_BYTES = 5;

export type MediaKind = 'image' | 'voice' | 'video' | 'file';
export interface MediaRecord {
  media_id: string;
  type: MediaKind;
  /** 'temp' from media/upload, 'moment' / 'album' from upload_attachment. */
  usage: 'temp' | 'moment' | 'album';
  filename: string;
  size: number;
  created_at: number;
}

const media = new WeakMap<CorpState, Map<string, MediaRecord>>();
const images = new WeakMap<CorpState, string[]>();

/** The corp's uploaded media by media_id. */
export function mediaOf(corp: CorpState): Map<string, MediaRecord> {
  let m = media.get(corp);
  if (!m) media.set(corp, (m = new Map()));
  return m;
}

/** An attachment's media_id: uploaded by this corp for this usage, not older than 3 days; else 40007. */
export function requireMedia(state: SandboxState, corp: CorpState, mediaId: string, usage: MediaRecord['usage'], type?: MediaKind): MediaRecord {
  const m = mediaOf(corp).get(mediaId);
  if (!m || m.usage !== usage || (type && m.type !== type)) throw new WxError(40007, mediaId);
  if (state.nowSec() - m.created_at >= MEDIA_TTL_S) throw new WxError(40007, `${mediaId} expired`);
  return m;
}

type Part = { name: string; filename: string; data: Buffer };

function parseMultipart(body: unknown, contentType: string | undefined): Part[] {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!Buffer.isBuffer(body) || !m) return [];
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: Part[] = [];
  let at = body.indexOf(boundary);
  while (at >= 0) {
    const start = at + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(boundary, start);
    if (next < 0) break;
    const chunk = body.subarray(start + 2, next - 2);
    const headEnd = chunk.indexOf('\r\n\r\n');
    if (headEnd >= 0) {
      const head = chunk.subarray(0, headEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
      const filename = /filename="([^"]*)"/i.exec(head)?.[1] ?? '';
      parts.push({ name, filename, data: chunk.subarray(headEnd + 4) });
    }
    at = next;
  }
  return parts;
}

function sniff(data: Buffer): 'jpg' | 'png' | 'mp4' | 'amr' | 'other' {
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data.subarray(4, 8).toString('latin1') === 'ftyp') return 'mp4';
  if (data.subarray(0, 6).toString('latin1') === '#!AMR\n') return 'amr';
  return 'other';
}

/** WeCom's checks on one upload: the file is there, ≥ 5 bytes, of the type's format and within its size. */
function checkFile(type: MediaKind, part: Part | undefined, maxImage = 10 * MB): Part {
  if (!part || part.data.length === 0) throw new WxError(41005);
  const size = part.data.length;
  if (size < MIN_BYTES) throw new WxError(40006, `file under ${MIN_BYTES} bytes`);
  const format = sniff(part.data);
  if (type === 'image') {
    if (format !== 'jpg' && format !== 'png') throw new WxError(40005, 'image must be jpg or png');
    if (size > maxImage) throw new WxError(40009, `image over ${maxImage / MB} MB`);
  } else if (type === 'video') {
    if (format !== 'mp4') throw new WxError(40005, 'video must be mp4');
    if (size > 10 * MB) throw new WxError(40011, 'video over 10 MB');
  } else if (type === 'voice') {
    if (format !== 'amr') throw new WxError(40005, 'voice must be amr');
    if (size > 2 * MB) throw new WxError(40006, 'voice over 2 MB');
  } else if (size > 20 * MB) {
    throw new WxError(40006, 'file over 20 MB');
  }
  return part;
}

function mediaType(v: string | undefined, allowed: readonly MediaKind[]): MediaKind {
  const t = (v ?? '') as MediaKind;
  if (!allowed.includes(t)) throw new WxError(40004, `type ${v ?? ''}`);
  return t;
}

export function registerMediaRoutes(app: FastifyInstance, state: SandboxState): void {
  app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: 25 * MB }, (_req, body, done) => done(null, body));

    const store = (corp: CorpState, type: MediaKind, usage: MediaRecord['usage'], part: Part): MediaRecord => {
      const rec: MediaRecord = {
        media_id: `${type === 'image' ? '3' : '2'}${randomBytes(32).toString('base64url')}`,
        type,
        usage,
        filename: part.filename,
        size: part.data.length,
        created_at: state.nowSec(),
      };
      mediaOf(corp).set(rec.media_id, rec);
      return rec;
    };
    const mediaPart = (body: unknown, contentType: string | undefined) => parseMultipart(body, contentType).find((p) => p.name === 'media');

    defineApi(scope, state, 'POST', 'media/upload', ({ corp, query, req }) => {
      const type = mediaType(query.optStr('type'), ['image', 'voice', 'video', 'file']);
      const part = checkFile(type, mediaPart(req.body, req.headers['content-type']));
      const rec = store(corp, type, 'temp', part);
      return { type, media_id: rec.media_id, created_at: String(rec.created_at) };
    });

    defineApi(scope, state, 'POST', 'media/uploadimg', ({ corp, req }) => {
      checkFile('image', mediaPart(req.body, req.headers['content-type']), 2 * MB);
      let list = images.get(corp);
      if (!list) images.set(corp, (list = []));
      const id = randomBytes(16).toString('hex');
      list.push(id);
      return { url: `https://wework.qpic.cn/wwpic/${id}/0` };
    });

    defineApi(scope, state, 'POST', 'media/upload_attachment', ({ corp, query, req }) => {
      const type = mediaType(query.optStr('media_type'), ['image', 'video', 'file']);
      const kind = query.optStr('attachment_type');
      if (kind !== '1' && kind !== '2') throw new WxError(40058, 'attachment_type must be 1 or 2');
      const part = checkFile(type, mediaPart(req.body, req.headers['content-type']));
      const rec = store(corp, type, kind === '1' ? 'moment' : 'album', part);
      return { type, media_id: rec.media_id, created_at: rec.created_at };
    });
  });

  /** Control: what the corp uploaded (for tests and the demo). */
  app.get('/sandbox/corps/:corpId/media', async (req) => {
    const corp = state.requireCorp((req.params as { corpId: string }).corpId);
    return { media: [...mediaOf(corp).values()], images: images.get(corp)?.length ?? 0 };
  });
}
