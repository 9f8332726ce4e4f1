// The chat sidebar's own tables: sessions of staff identified through WeCom OAuth (separate from console sessions,
// looked up by the hash of the cookie's token inside the corp the cookie names), the script library (话术库) with
// its folders, and how often each staff member used each script.
export const sidebar = `
CREATE TABLE sidebar_sessions (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  staff_userid text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (corp_id, id)
);
SELECT siyu_tenant_table('sidebar_sessions');

CREATE TABLE script_folders (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, name)
);
SELECT siyu_tenant_table('script_folders');

CREATE TABLE scripts (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  folder_id uuid,
  title text NOT NULL,
  content text NOT NULL,
  tag_ids text[] NOT NULL DEFAULT '{}',
  stage_ids uuid[] NOT NULL DEFAULT '{}',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, folder_id) REFERENCES script_folders (corp_id, id) ON DELETE SET NULL (folder_id)
);
CREATE INDEX scripts_folder ON scripts (corp_id, folder_id);
SELECT siyu_tenant_table('scripts');

CREATE TABLE script_uses (
  corp_id text NOT NULL,
  script_id uuid NOT NULL,
  staff_userid text NOT NULL,
  uses integer NOT NULL DEFAULT 0,
  last_used_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, script_id, staff_userid),
  FOREIGN KEY (corp_id, script_id) REFERENCES scripts (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('script_uses');
`;
