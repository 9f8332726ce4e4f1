// WeCom integration: callback inbox, sync runs, feature status, departments, tags, group members.
export const wecom = `
CREATE TABLE wecom_inbox (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id bigserial,
  identity text NOT NULL,
  event text NOT NULL,
  change_type text NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  locked_until timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  error text,
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, identity)
);
CREATE INDEX wecom_inbox_pending ON wecom_inbox (corp_id, id) WHERE processed_at IS NULL;
SELECT siyu_tenant_table('wecom_inbox');

CREATE TABLE sync_runs (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('full', 'reconcile')),
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'partial', 'failed')),
  trigger text NOT NULL DEFAULT 'manual',
  total integer NOT NULL DEFAULT 0,
  done integer NOT NULL DEFAULT 0,
  phase text,
  checkpoint jsonb NOT NULL DEFAULT '{}',
  report jsonb NOT NULL DEFAULT '{}',
  error text,
  owner text,
  heartbeat_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (corp_id, id)
);
CREATE UNIQUE INDEX sync_runs_one_active ON sync_runs (corp_id, kind) WHERE status IN ('queued', 'running');
CREATE INDEX sync_runs_recent ON sync_runs (corp_id, created_at DESC);
SELECT siyu_tenant_table('sync_runs');

CREATE TABLE wecom_feature_status (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  feature text NOT NULL,
  status text NOT NULL CHECK (status IN ('ok', 'disabled')),
  errcode integer,
  api text,
  message text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, feature)
);
SELECT siyu_tenant_table('wecom_feature_status');

CREATE TABLE departments (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id integer NOT NULL,
  name text NOT NULL,
  parent_id integer NOT NULL DEFAULT 0,
  sort_order bigint NOT NULL DEFAULT 0,
  leaders text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id)
);
SELECT siyu_tenant_table('departments');

CREATE TABLE tag_groups (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  group_id text NOT NULL,
  name text NOT NULL,
  sort_order bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, group_id)
);
SELECT siyu_tenant_table('tag_groups');

CREATE TABLE tags (
  corp_id text NOT NULL,
  tag_id text NOT NULL,
  group_id text NOT NULL,
  name text NOT NULL,
  sort_order bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, tag_id),
  FOREIGN KEY (corp_id, group_id) REFERENCES tag_groups (corp_id, group_id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('tags');

ALTER TABLE groups ADD COLUMN member_version text;
ALTER TABLE groups ADD COLUMN admin_userids text[] NOT NULL DEFAULT '{}';
ALTER TABLE follows ADD COLUMN remark_corp_name text;

CREATE TABLE group_members (
  corp_id text NOT NULL,
  chat_id text NOT NULL,
  userid text NOT NULL,
  type integer NOT NULL,
  join_time timestamptz,
  join_scene integer,
  invitor_userid text,
  group_nickname text,
  name text,
  unionid text,
  PRIMARY KEY (corp_id, chat_id, userid),
  FOREIGN KEY (corp_id, chat_id) REFERENCES groups (corp_id, chat_id) ON DELETE CASCADE
);
CREATE INDEX group_members_user ON group_members (corp_id, userid);
SELECT siyu_tenant_table('group_members');

-- The only cross-tenant reads the WeCom workers need: which corps have inbox work, which are connected.
CREATE FUNCTION siyu_wecom_pending_corps() RETURNS TABLE (corp_id text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $fn$
  SELECT DISTINCT i.corp_id FROM wecom_inbox i
   WHERE i.processed_at IS NULL AND (i.locked_until IS NULL OR i.locked_until <= now())
$fn$;
CREATE FUNCTION siyu_wecom_connected_corps() RETURNS TABLE (corp_id text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $fn$
  SELECT c.id FROM corps c WHERE c.wecom_corp_id IS NOT NULL AND c.contact_secret IS NOT NULL
$fn$;
REVOKE ALL ON FUNCTION siyu_wecom_pending_corps() FROM PUBLIC;
REVOKE ALL ON FUNCTION siyu_wecom_connected_corps() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION siyu_wecom_pending_corps() TO siyu_app;
GRANT EXECUTE ON FUNCTION siyu_wecom_connected_corps() TO siyu_app;
`;
