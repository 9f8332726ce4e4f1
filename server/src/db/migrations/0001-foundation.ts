// Platform tables: corps, users, memberships, sessions, staff, customers, follows, groups, audit.
export const foundation = `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'siyu_app') THEN
    CREATE ROLE siyu_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
EXCEPTION WHEN OTHERS THEN NULL;
END $$;
DO $$ BEGIN
  EXECUTE format('GRANT siyu_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL;
END $$;
GRANT USAGE ON SCHEMA public TO siyu_app;

-- Marks a table as tenant-owned: RLS by corp and the app role's grants.
CREATE OR REPLACE FUNCTION siyu_tenant_table(t regclass) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format($p$CREATE POLICY tenant_isolation ON %s USING (corp_id = current_setting('siyu.corp_id', true))
    WITH CHECK (corp_id = current_setting('siyu.corp_id', true))$p$, t);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO siyu_app', t);
END $fn$;

CREATE TABLE corps (
  id text PRIMARY KEY,
  name text NOT NULL,
  wecom_corp_id text,
  contact_secret text,
  agent_id text,
  app_secret text,
  callback_token text,
  callback_aes_key text,
  api_base text,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE, DELETE ON users TO siyu_app;

CREATE TABLE memberships (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'operator', 'staff', 'analyst')),
  staff_userid text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships
  USING (corp_id = current_setting('siyu.corp_id', true) OR user_id::text = current_setting('siyu.user_id', true))
  WITH CHECK (corp_id = current_setting('siyu.corp_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO siyu_app;

ALTER TABLE corps ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON corps
  USING (id = current_setting('siyu.corp_id', true)
    OR id IN (SELECT corp_id FROM memberships WHERE user_id::text = current_setting('siyu.user_id', true)))
  WITH CHECK (id = current_setting('siyu.corp_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON corps TO siyu_app;

CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  corp_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO siyu_app;

CREATE TABLE staff (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  userid text NOT NULL,
  name text NOT NULL,
  department_ids integer[] NOT NULL DEFAULT '{}',
  mobile text,
  status integer NOT NULL DEFAULT 1,
  is_follow_user boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, userid)
);
SELECT siyu_tenant_table('staff');

CREATE TABLE customers (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  external_userid text,
  name text NOT NULL DEFAULT '',
  avatar text,
  type integer,
  gender integer,
  unionid text,
  phone text,
  corp_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, external_userid)
);
SELECT siyu_tenant_table('customers');

CREATE TABLE follows (
  corp_id text NOT NULL,
  customer_id uuid NOT NULL,
  staff_userid text NOT NULL,
  remark text,
  description text,
  remark_mobiles text[] NOT NULL DEFAULT '{}',
  add_way integer,
  state text,
  oper_userid text,
  tag_ids text[] NOT NULL DEFAULT '{}',
  followed_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  deleted_by text CHECK (deleted_by IN ('staff', 'customer')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, customer_id, staff_userid),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX follows_staff ON follows (corp_id, staff_userid);
SELECT siyu_tenant_table('follows');

CREATE TABLE groups (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  chat_id text NOT NULL,
  name text NOT NULL DEFAULT '',
  owner_userid text,
  notice text,
  status integer NOT NULL DEFAULT 0,
  member_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  dismissed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, chat_id)
);
SELECT siyu_tenant_table('groups');

CREATE TABLE audit_log (
  corp_id text NOT NULL,
  id bigserial,
  actor_user_id uuid,
  action text NOT NULL,
  target text,
  detail jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id)
);
SELECT siyu_tenant_table('audit_log');
`;
