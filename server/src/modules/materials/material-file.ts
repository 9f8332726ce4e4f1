// The checks WeCom makes on an upload, made before Siyu keeps the file: at least 5 bytes, the kind's size limit, and
// for images and videos the format read from the file's first bytes (jpg/png, mp4), not from its name.
import { MATERIAL_FILE_LIMITS, MATERIAL_MIN_BYTES, type MaterialKind } from '@siyu/contracts';
import { DomainError } from '../../http/errors';

export type FileFormat = 'jpg' | 'png' | 'mp4' | 'other';

export function sniffFormat(data: Uint8Array): FileFormat {
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpg';
  if (data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'png';
  if (Buffer.from(data.subarray(4, 8)).toString('latin1') === 'ftyp') return 'mp4';
  return 'other';
}

const MIME: Record<FileFormat, string> = { jpg: 'image/jpeg', png: 'image/png', mp4: 'video/mp4', other: 'application/octet-stream' };

/** Decodes and checks a file for a material kind; returns its bytes and MIME type or throws a coded error. */
export function checkMaterialFile(kind: MaterialKind, base64: string): { data: Buffer; mimeType: string } {
  if (kind === 'text') throw new DomainError('material_fields_invalid', 'a text script has no file');
  const data = Buffer.from(base64, 'base64');
  const limit = MATERIAL_FILE_LIMITS[kind];
  if (data.length < MATERIAL_MIN_BYTES) throw new DomainError('material_file_too_small', `${data.length} bytes`);
  if (data.length > limit.maxBytes) {
    throw new DomainError('material_file_too_large', `${(data.length / 1048576).toFixed(1)} MB over ${limit.maxBytes / 1048576} MB`, {
      maxBytes: limit.maxBytes,
    });
  }
  const format = sniffFormat(data);
  const types: readonly string[] = limit.types;
  if (!types.includes('any') && !types.includes(format)) {
    throw new DomainError('material_file_type', `${kind} must be ${types.join(' or ')}`, { accepted: types });
  }
  return { data, mimeType: MIME[format] };
}
