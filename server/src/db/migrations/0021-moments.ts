// Moments (朋友圈): a task composed from the library and sent with add_moment_task, followed until WeCom's job is
// done, then per staff member its publish status, how many customers may see it and were shown it, likes and comments.
export const moments = `
CREATE TABLE moments (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  text text NOT NULL DEFAULT '',
  material_ids uuid[] NOT NULL DEFAULT '{}',
  attachments jsonb NOT NULL DEFAULT '[]',
  sender_userids text[] NOT NULL DEFAULT '{}',
  sender_departments integer[] NOT NULL DEFAULT '{}',
  tag_ids text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'creating', 'created', 'failed', 'canceled')),
  jobid text,
  wecom_moment_id text,
  invalid_senders text[] NOT NULL DEFAULT '{}',
  invalid_tags text[] NOT NULL DEFAULT '{}',
  error text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  synced_at timestamptz,
  PRIMARY KEY (corp_id, id)
);
CREATE INDEX moments_list ON moments (corp_id, created_at DESC);
SELECT siyu_tenant_table('moments');

CREATE TABLE moment_staff (
  corp_id text NOT NULL,
  moment_id uuid NOT NULL,
  userid text NOT NULL,
  published boolean NOT NULL DEFAULT false,
  visible_customers integer NOT NULL DEFAULT 0,
  shown_customers integer NOT NULL DEFAULT 0,
  likes integer NOT NULL DEFAULT 0,
  comments integer NOT NULL DEFAULT 0,
  PRIMARY KEY (corp_id, moment_id, userid),
  FOREIGN KEY (corp_id, moment_id) REFERENCES moments (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('moment_staff');

CREATE TABLE moment_interactions (
  corp_id text NOT NULL,
  moment_id uuid NOT NULL,
  userid text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('like', 'comment')),
  external_userid text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (corp_id, moment_id, userid, kind, external_userid, created_at),
  FOREIGN KEY (corp_id, moment_id) REFERENCES moments (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('moment_interactions');
`;
