// Media uploads: temporary media (3 days) for messages, lasting image URLs, moment attachments. Multipart with the
// file in the field `media`, as WeCom expects.
import type {
  AttachmentType,
  MediaFile,
  MediaType,
  UploadAttachmentResponse,
  UploadImageResponse,
  UploadMediaResponse,
} from '../types/media';
import type { Caller } from './caller';

function form(file: MediaFile): FormData {
  const fd = new FormData();
  const bytes = new Uint8Array(file.data.byteLength);
  bytes.set(file.data);
  fd.append('media', new Blob([bytes], { type: file.contentType ?? 'application/octet-stream' }), file.filename);
  return fd;
}

export function mediaApi(c: Caller) {
  return {
    /** media/upload: image ≤ 10 MB (jpg/png), voice ≤ 2 MB (amr), video ≤ 10 MB (mp4), file ≤ 20 MB. */
    uploadMedia: (type: MediaType, file: MediaFile) => c.post<UploadMediaResponse>('media/upload', form(file), { type }),
    /** media/uploadimg: jpg/png ≤ 2 MB → a lasting URL for message content. */
    uploadImage: (file: MediaFile) => c.post<UploadImageResponse>('media/uploadimg', form(file)),
    /** media/upload_attachment: a media_id usable only in moments (1) or the product album (2). */
    uploadAttachment: (mediaType: Exclude<MediaType, 'voice'>, file: MediaFile, attachmentType: AttachmentType = 1) =>
      c.post<UploadAttachmentResponse>('media/upload_attachment', form(file), {
        media_type: mediaType,
        attachment_type: attachmentType,
      }),
  };
}
