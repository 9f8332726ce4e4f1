// Profiles: identities and merges, API keys and webhook secrets, custom fields, follow-up notes, pipelines and
// stages, RFM, alerts, points and levels.
export const profiles = `
CREATE TABLE customer_identities (
  corp_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('external_userid', 'unionid', 'openid', 'phone', 'member_id')),
  value text NOT NULL,
  customer_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, kind, value),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_identities_customer ON customer_identities (corp_id, customer_id);
SELECT siyu_tenant_table('customer_identities');

CREATE TABLE customer_merges (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id bigserial,
  from_customer_id uuid NOT NULL,
  into_customer_id uuid NOT NULL,
  reason text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  actor_user_id uuid,
  merged_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id)
);
CREATE UNIQUE INDEX customer_merges_from ON customer_merges (corp_id, from_customer_id);
CREATE INDEX customer_merges_into ON customer_merges (corp_id, into_customer_id);
SELECT siyu_tenant_table('customer_merges');

CREATE TABLE api_keys (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  prefix text NOT NULL,
  key_hash text NOT NULL,
  scopes text[] NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (corp_id, id)
);
CREATE UNIQUE INDEX api_keys_hash ON api_keys (corp_id, key_hash);
CREATE INDEX api_keys_lookup ON api_keys (key_hash);
SELECT siyu_tenant_table('api_keys');

CREATE TABLE event_webhooks (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id)
);
SELECT siyu_tenant_table('event_webhooks');

-- The only cross-tenant read of the events API: which corp (and scopes) a presented key belongs to.
CREATE FUNCTION siyu_api_key_lookup(h text) RETURNS TABLE (corp_id text, id uuid, scopes text[])
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $fn$
  SELECT k.corp_id, k.id, k.scopes FROM api_keys k WHERE k.key_hash = h AND k.revoked_at IS NULL
$fn$;
REVOKE ALL ON FUNCTION siyu_api_key_lookup(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION siyu_api_key_lookup(text) TO siyu_app;

CREATE TABLE custom_fields (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  key text NOT NULL,
  label text NOT NULL,
  type text NOT NULL CHECK (type IN ('text', 'number', 'date', 'select')),
  options text[] NOT NULL DEFAULT '{}',
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, key)
);
SELECT siyu_tenant_table('custom_fields');

CREATE TABLE custom_field_values (
  corp_id text NOT NULL,
  customer_id uuid NOT NULL,
  field_id uuid NOT NULL,
  text_value text,
  number_value numeric,
  date_value date,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, customer_id, field_id),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE,
  FOREIGN KEY (corp_id, field_id) REFERENCES custom_fields (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX custom_field_values_field ON custom_field_values (corp_id, field_id);
SELECT siyu_tenant_table('custom_field_values');

CREATE TABLE follow_notes (
  corp_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL,
  author_user_id uuid,
  staff_userid text,
  content text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX follow_notes_customer ON follow_notes (corp_id, customer_id, created_at DESC);
SELECT siyu_tenant_table('follow_notes');

CREATE TABLE tag_jobs (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  add_tag_ids text[] NOT NULL DEFAULT '{}',
  remove_tag_ids text[] NOT NULL DEFAULT '{}',
  customer_ids uuid[] NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'partial', 'failed')),
  total integer NOT NULL DEFAULT 0,
  done integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  errors jsonb NOT NULL DEFAULT '[]',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (corp_id, id)
);
SELECT siyu_tenant_table('tag_jobs');

CREATE TABLE pipelines (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id)
);
SELECT siyu_tenant_table('pipelines');

CREATE TABLE stages (
  corp_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  pipeline_id uuid NOT NULL,
  name text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  dwell_days integer CHECK (dwell_days > 0),
  remind_hour integer CHECK (remind_hour BETWEEN 0 AND 23),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, pipeline_id) REFERENCES pipelines (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX stages_pipeline ON stages (corp_id, pipeline_id, sort_order);
SELECT siyu_tenant_table('stages');

CREATE TABLE customer_stages (
  corp_id text NOT NULL,
  customer_id uuid NOT NULL,
  pipeline_id uuid NOT NULL,
  stage_id uuid NOT NULL,
  entered_at timestamptz NOT NULL DEFAULT now(),
  reminded_at timestamptz,
  PRIMARY KEY (corp_id, customer_id, pipeline_id),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE,
  FOREIGN KEY (corp_id, pipeline_id) REFERENCES pipelines (corp_id, id) ON DELETE CASCADE,
  FOREIGN KEY (corp_id, stage_id) REFERENCES stages (corp_id, id)
);
CREATE INDEX customer_stages_stage ON customer_stages (corp_id, stage_id, entered_at);
SELECT siyu_tenant_table('customer_stages');

CREATE TABLE customer_stage_history (
  corp_id text NOT NULL,
  id bigserial,
  customer_id uuid NOT NULL,
  pipeline_id uuid NOT NULL,
  from_stage_id uuid,
  to_stage_id uuid,
  actor_user_id uuid,
  source text NOT NULL DEFAULT 'manual',
  moved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE,
  FOREIGN KEY (corp_id, pipeline_id) REFERENCES pipelines (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_stage_history_customer ON customer_stage_history (corp_id, customer_id, pipeline_id, moved_at);
CREATE INDEX customer_stage_history_pipeline ON customer_stage_history (corp_id, pipeline_id, moved_at);
SELECT siyu_tenant_table('customer_stage_history');

CREATE TABLE rfm_settings (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  recency_days integer[] NOT NULL DEFAULT '{7,30,60,120}',
  frequency_counts integer[] NOT NULL DEFAULT '{2,3,5,8}',
  monetary_amounts numeric[] NOT NULL DEFAULT '{100,300,800,2000}',
  window_days integer NOT NULL DEFAULT 365,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id)
);
SELECT siyu_tenant_table('rfm_settings');

CREATE TABLE customer_rfm (
  corp_id text NOT NULL,
  customer_id uuid NOT NULL,
  last_order_at timestamptz,
  order_count integer NOT NULL DEFAULT 0,
  amount numeric(14, 2) NOT NULL DEFAULT 0,
  r smallint NOT NULL,
  f smallint NOT NULL,
  m smallint NOT NULL,
  class text NOT NULL,
  median_interval_days numeric,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, customer_id),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_rfm_class ON customer_rfm (corp_id, class);
SELECT siyu_tenant_table('customer_rfm');

CREATE TABLE alert_settings (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  inactive_days integer NOT NULL DEFAULT 60,
  repurchase_factor numeric NOT NULL DEFAULT 1.2,
  notify_staff boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id)
);
SELECT siyu_tenant_table('alert_settings');

CREATE TABLE alerts (
  corp_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL,
  staff_userid text,
  kind text NOT NULL CHECK (kind IN ('churn_deleted', 'churn_inactive', 'churn_rfm', 'repurchase')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dismissed')),
  detail jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  notified_at timestamptz,
  resolved_at timestamptz,
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (corp_id, customer_id, kind, coalesce(staff_userid, '')) WHERE status = 'open';
CREATE INDEX alerts_recent ON alerts (corp_id, status, created_at DESC);
SELECT siyu_tenant_table('alerts');

CREATE TABLE points_rules (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  event_type text NOT NULL,
  points integer NOT NULL DEFAULT 0,
  points_per_yuan numeric NOT NULL DEFAULT 0,
  growth integer NOT NULL DEFAULT 0,
  growth_per_yuan numeric NOT NULL DEFAULT 0,
  expires_days integer CHECK (expires_days > 0),
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, event_type)
);
SELECT siyu_tenant_table('points_rules');

CREATE TABLE levels (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  level integer NOT NULL CHECK (level >= 1),
  name text NOT NULL,
  min_growth integer NOT NULL CHECK (min_growth >= 0),
  PRIMARY KEY (corp_id, level)
);
SELECT siyu_tenant_table('levels');

CREATE TABLE points_ledger (
  corp_id text NOT NULL,
  id bigserial,
  customer_id uuid NOT NULL,
  delta integer NOT NULL,
  remaining integer NOT NULL DEFAULT 0,
  reason text NOT NULL,
  event_id bigint,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX points_ledger_customer ON points_ledger (corp_id, customer_id, created_at DESC);
CREATE INDEX points_ledger_expiring ON points_ledger (corp_id, expires_at) WHERE remaining > 0;
SELECT siyu_tenant_table('points_ledger');

CREATE TABLE customer_membership (
  corp_id text NOT NULL,
  customer_id uuid NOT NULL,
  points integer NOT NULL DEFAULT 0,
  growth integer NOT NULL DEFAULT 0,
  level integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, customer_id),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('customer_membership');

-- Identities for the customers that exist already.
INSERT INTO customer_identities (corp_id, kind, value, customer_id)
  SELECT corp_id, 'external_userid', external_userid, id FROM customers WHERE external_userid IS NOT NULL
  ON CONFLICT DO NOTHING;
INSERT INTO customer_identities (corp_id, kind, value, customer_id)
  SELECT DISTINCT ON (corp_id, unionid) corp_id, 'unionid', unionid, id FROM customers WHERE unionid IS NOT NULL
  ORDER BY corp_id, unionid, created_at
  ON CONFLICT DO NOTHING;
INSERT INTO customer_identities (corp_id, kind, value, customer_id)
  SELECT DISTINCT ON (corp_id, phone) corp_id, 'phone', phone, id FROM customers WHERE phone IS NOT NULL
  ORDER BY corp_id, phone, created_at
  ON CONFLICT DO NOTHING;
`;
