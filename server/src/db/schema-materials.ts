// Row types of the material library (migration 0020) and moments (migration 0021).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type MaterialKindColumn = 'text' | 'image' | 'link' | 'miniprogram' | 'file' | 'video' | 'poster';
export type MediaPurpose = 'message' | 'moment' | 'lasting_url';
export type MomentStatus = 'queued' | 'creating' | 'created' | 'failed' | 'canceled';

export type MaterialTables = {
  material_folders: { corp_id: string; id: Generated<string>; parent_id: string | null; name: string; created_at: DefaultTimestamp };
  materials: {
    corp_id: string;
    id: Generated<string>;
    folder_id: string | null;
    kind: MaterialKindColumn;
    title: string;
    tags: Defaulted<string[]>;
    text: Defaulted<string>;
    url: Defaulted<string>;
    description: Defaulted<string>;
    appid: Defaulted<string>;
    page: Defaulted<string>;
    file_name: string | null;
    mime_type: string | null;
    file_size: number | null;
    file_parts: Defaulted<number>;
    use_count: Defaulted<number>;
    last_used_at: NullableTimestamp;
    created_by: string | null;
    created_at: DefaultTimestamp;
    updated_at: DefaultTimestamp;
    deleted_at: NullableTimestamp;
  };
  material_parts: { corp_id: string; material_id: string; part_no: number; data: Buffer };
  material_media: {
    corp_id: string;
    material_id: string;
    purpose: MediaPurpose;
    media_id: string;
    uploaded_at: Timestamp;
    expires_at: NullableTimestamp;
  };
  material_uses: {
    corp_id: string;
    id: Generated<string>;
    material_id: string;
    staff_userid: string | null;
    purpose: string;
    used_at: DefaultTimestamp;
  };
  moments: {
    corp_id: string;
    id: Generated<string>;
    text: Defaulted<string>;
    material_ids: Defaulted<string[]>;
    attachments: ColumnType<unknown[], string | undefined, string>;
    sender_userids: Defaulted<string[]>;
    sender_departments: Defaulted<number[]>;
    tag_ids: Defaulted<string[]>;
    status: Defaulted<MomentStatus>;
    jobid: string | null;
    wecom_moment_id: string | null;
    invalid_senders: Defaulted<string[]>;
    invalid_tags: Defaulted<string[]>;
    error: string | null;
    created_by: string | null;
    created_at: DefaultTimestamp;
    updated_at: DefaultTimestamp;
    synced_at: NullableTimestamp;
  };
  moment_staff: {
    corp_id: string;
    moment_id: string;
    userid: string;
    published: Defaulted<boolean>;
    visible_customers: Defaulted<number>;
    shown_customers: Defaulted<number>;
    likes: Defaulted<number>;
    comments: Defaulted<number>;
  };
  moment_interactions: {
    corp_id: string;
    moment_id: string;
    userid: string;
    kind: 'like' | 'comment';
    external_userid: string;
    created_at: Timestamp;
  };
};
