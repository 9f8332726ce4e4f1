// The material library (素材库): folders, materials with their file kept in 128 KiB parts (binding one large bytea
// is slow on PGlite, see 0019), the WeCom media_id each material was last uploaded as per purpose (a media_id lives
// 3 days; moments need their own upload_attachment id), and every use, for usage counts.
export const materials = `
CREATE TABLE material_folders (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  parent_id uuid,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, parent_id) REFERENCES material_folders (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('material_folders');

CREATE TABLE materials (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  folder_id uuid,
  kind text NOT NULL CHECK (kind IN ('text', 'image', 'link', 'miniprogram', 'file', 'video', 'poster')),
  title text NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  text text NOT NULL DEFAULT '',
  url text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  appid text NOT NULL DEFAULT '',
  page text NOT NULL DEFAULT '',
  file_name text,
  mime_type text,
  file_size integer,
  file_parts integer NOT NULL DEFAULT 0,
  use_count integer NOT NULL DEFAULT 0,
  last_used_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, folder_id) REFERENCES material_folders (corp_id, id) ON DELETE SET NULL (folder_id)
);
CREATE INDEX materials_list ON materials (corp_id, created_at DESC) WHERE deleted_at IS NULL;
SELECT siyu_tenant_table('materials');

CREATE TABLE material_parts (
  corp_id text NOT NULL,
  material_id uuid NOT NULL,
  part_no integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (corp_id, material_id, part_no),
  FOREIGN KEY (corp_id, material_id) REFERENCES materials (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('material_parts');

CREATE TABLE material_media (
  corp_id text NOT NULL,
  material_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('message', 'moment', 'lasting_url')),
  media_id text NOT NULL,
  uploaded_at timestamptz NOT NULL,
  expires_at timestamptz,
  PRIMARY KEY (corp_id, material_id, purpose),
  FOREIGN KEY (corp_id, material_id) REFERENCES materials (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('material_media');

CREATE TABLE material_uses (
  corp_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  material_id uuid NOT NULL,
  staff_userid text,
  purpose text NOT NULL,
  used_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, material_id) REFERENCES materials (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('material_uses');
`;
