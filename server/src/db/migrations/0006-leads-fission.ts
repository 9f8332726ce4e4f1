// Leads and the public pool (线索 / 公海): import batches with per-row errors, assignments per round, reminders.
// Fission (裂变): campaigns, participants with their own contact-way code, adds credited exactly once, rewards.
export const leadsFission = `
CREATE TABLE lead_batches (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  filename text NOT NULL DEFAULT '',
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  status text NOT NULL CHECK (status IN ('queued', 'importing', 'imported', 'failed')),
  total integer NOT NULL DEFAULT 0,
  done integer NOT NULL DEFAULT 0,
  imported integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  error text,
  file bytea,
  distribution jsonb,
  round integer NOT NULL DEFAULT 0,
  deadline_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  distributed_at timestamptz,
  PRIMARY KEY (corp_id, id)
);
CREATE INDEX lead_batches_recent ON lead_batches (corp_id, created_at DESC);
SELECT siyu_tenant_table('lead_batches');

CREATE TABLE leads (
  corp_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  batch_id uuid NOT NULL,
  row_no integer NOT NULL,
  phone text NOT NULL,
  name text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT '',
  notes text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'pool' CHECK (status IN ('pool', 'assigned', 'added')),
  staff_userid text,
  round integer NOT NULL DEFAULT 0,
  assigned_at timestamptz,
  deadline_at timestamptz,
  added_at timestamptz,
  added_by text CHECK (added_by IN ('follow', 'manual')),
  customer_id uuid,
  external_userid text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, phone),
  FOREIGN KEY (corp_id, batch_id) REFERENCES lead_batches (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX leads_batch ON leads (corp_id, batch_id, status);
CREATE INDEX leads_staff ON leads (corp_id, staff_userid, status);
SELECT siyu_tenant_table('leads');

CREATE TABLE lead_import_errors (
  corp_id text NOT NULL,
  batch_id uuid NOT NULL,
  row_no integer NOT NULL,
  phone text NOT NULL DEFAULT '',
  name text NOT NULL DEFAULT '',
  reason text NOT NULL CHECK (reason IN ('bad_phone', 'duplicate_in_file', 'already_customer', 'already_lead', 'too_long')),
  PRIMARY KEY (corp_id, batch_id, row_no),
  FOREIGN KEY (corp_id, batch_id) REFERENCES lead_batches (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('lead_import_errors');

CREATE TABLE lead_assignments (
  corp_id text NOT NULL,
  lead_id uuid NOT NULL,
  round integer NOT NULL,
  batch_id uuid NOT NULL,
  staff_userid text NOT NULL,
  assigned_at timestamptz NOT NULL DEFAULT now(),
  outcome text CHECK (outcome IN ('added', 'reclaimed')),
  closed_at timestamptz,
  PRIMARY KEY (corp_id, lead_id, round),
  FOREIGN KEY (corp_id, lead_id) REFERENCES leads (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX lead_assignments_staff ON lead_assignments (corp_id, staff_userid);
CREATE INDEX lead_assignments_batch ON lead_assignments (corp_id, batch_id);
SELECT siyu_tenant_table('lead_assignments');

CREATE TABLE lead_reminders (
  corp_id text NOT NULL,
  batch_id uuid NOT NULL,
  round integer NOT NULL,
  staff_userid text NOT NULL,
  lead_count integer NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'skipped', 'failed')),
  reason text,
  msgid text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (corp_id, batch_id, round, staff_userid),
  FOREIGN KEY (corp_id, batch_id) REFERENCES lead_batches (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('lead_reminders');

CREATE TABLE fission_campaigns (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL,
  name text NOT NULL,
  goal integer NOT NULL CHECK (goal BETWEEN 1 AND 1000),
  reward_type text NOT NULL CHECK (reward_type IN ('code', 'link')),
  reward_link text,
  poster jsonb NOT NULL DEFAULT '{}',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  staff_userids text[] NOT NULL,
  tag_ids text[] NOT NULL DEFAULT '{}',
  withdraw_hours integer NOT NULL DEFAULT 24,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, code)
);
SELECT siyu_tenant_table('fission_campaigns');

CREATE TABLE fission_reward_codes (
  corp_id text NOT NULL,
  campaign_id uuid NOT NULL,
  code text NOT NULL,
  participant_id uuid,
  issued_at timestamptz,
  PRIMARY KEY (corp_id, campaign_id, code),
  FOREIGN KEY (corp_id, campaign_id) REFERENCES fission_campaigns (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX fission_reward_codes_free ON fission_reward_codes (corp_id, campaign_id) WHERE participant_id IS NULL;
SELECT siyu_tenant_table('fission_reward_codes');

CREATE TABLE fission_participants (
  corp_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL,
  external_userid text NOT NULL,
  name text NOT NULL DEFAULT '',
  state text NOT NULL,
  token text NOT NULL,
  config_id text,
  qr_code text,
  credits integer NOT NULL DEFAULT 0,
  completed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, campaign_id, external_userid),
  UNIQUE (corp_id, state),
  FOREIGN KEY (corp_id, campaign_id) REFERENCES fission_campaigns (corp_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX fission_participants_token ON fission_participants (token);
CREATE INDEX fission_participants_rank ON fission_participants (corp_id, campaign_id, credits DESC);
SELECT siyu_tenant_table('fission_participants');

CREATE TABLE fission_adds (
  corp_id text NOT NULL,
  id bigserial,
  campaign_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  invitee_external_userid text NOT NULL,
  staff_userid text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('counted', 'not_new', 'self', 'duplicate', 'inactive')),
  created_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, participant_id) REFERENCES fission_participants (corp_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX fission_adds_once ON fission_adds (corp_id, campaign_id, invitee_external_userid) WHERE outcome = 'counted';
CREATE INDEX fission_adds_invitee ON fission_adds (corp_id, invitee_external_userid);
CREATE INDEX fission_adds_participant ON fission_adds (corp_id, participant_id);
SELECT siyu_tenant_table('fission_adds');

CREATE TABLE fission_rewards (
  corp_id text NOT NULL,
  campaign_id uuid NOT NULL,
  participant_id uuid NOT NULL,
  code text,
  link text,
  issued_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, campaign_id, participant_id),
  FOREIGN KEY (corp_id, participant_id) REFERENCES fission_participants (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('fission_rewards');

-- The public progress page knows only the participant's unguessable token: which corp it belongs to.
CREATE FUNCTION siyu_fission_token_corp(t text) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $fn$
  SELECT p.corp_id FROM fission_participants p WHERE p.token = t
$fn$;
REVOKE ALL ON FUNCTION siyu_fission_token_corp(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION siyu_fission_token_corp(text) TO siyu_app;
`;
