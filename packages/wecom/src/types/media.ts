// Temporary media (media/upload, 3 days), lasting image URLs (media/uploadimg) and moment attachments
// (media/upload_attachment), doc 90253 / 90256 / 95098.
import type { WecomResponse } from './base';

export type MediaType = 'image' | 'voice' | 'video' | 'file';
/** upload_attachment: 1 moments (朋友圈), 2 product album (商品图册). */
export type AttachmentType = 1 | 2;

/** A file to upload: its bytes and the name WeCom sees (its extension decides the type checks). */
export interface MediaFile {
  data: Uint8Array;
  filename: string;
  contentType?: string;
}

export interface UploadMediaResponse extends WecomResponse {
  type: MediaType;
  media_id: string;
  /** Unix seconds; the media_id is valid 3 days from here. */
  created_at: string | number;
}

export interface UploadImageResponse extends WecomResponse {
  url: string;
}

export interface UploadAttachmentResponse extends WecomResponse {
  type: Exclude<MediaType, 'voice'>;
  media_id: string;
  created_at: string | number;
}

/** A temporary media_id lives 3 days. */
export const MEDIA_TTL_SECONDS = 3 * 24 * 3600;
