// Customer SOP (客户SOP): flows stored as data, each customer's run through a flow (one row: where they are and when
// their next step is due), every step a run executed (its idempotency record and the stats' source), the message and
// reminder sends made to staff in batches, staff tasks, and the corp's contact budget. A security-definer function
// lists the corps with due runs for the sweeper, which has no corp context yet.
export const sop = `
CREATE TABLE sop_settings (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  max_per_day integer,
  max_per_week integer,
  quiet_start text,
  quiet_end text,
  over_budget text NOT NULL DEFAULT 'wait' CHECK (over_budget IN ('wait', 'skip')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id)
);
SELECT siyu_tenant_table('sop_settings');

CREATE TABLE sop_flows (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused', 'archived')),
  entry jsonb NOT NULL,
  entry_event text,
  condition jsonb,
  reentry text NOT NULL DEFAULT 'never' CHECK (reentry IN ('never', 'after_exit')),
  exit jsonb NOT NULL,
  holdout_percent numeric(5, 2) NOT NULL DEFAULT 0,
  steps jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  scanned_on date,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  activated_at timestamptz,
  PRIMARY KEY (corp_id, id)
);
CREATE INDEX sop_flows_entry ON sop_flows (corp_id, entry_event) WHERE status = 'active';
SELECT siyu_tenant_table('sop_flows');

CREATE TABLE sop_enrollments (
  corp_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  flow_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  run_no integer NOT NULL DEFAULT 1,
  entry_key text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done', 'goal', 'exited', 'removed', 'held_out')),
  step_id text,
  phase text NOT NULL DEFAULT 'ready' CHECK (phase IN ('ready', 'waiting')),
  seq integer NOT NULL DEFAULT 0,
  due_at timestamptz,
  wait_event text,
  event_seen boolean NOT NULL DEFAULT false,
  held_reason text,
  staff_userid text,
  entered_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, flow_id, entry_key),
  FOREIGN KEY (corp_id, flow_id) REFERENCES sop_flows (corp_id, id) ON DELETE CASCADE,
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX sop_enrollments_one_active ON sop_enrollments (corp_id, flow_id, customer_id) WHERE status = 'active';
CREATE INDEX sop_enrollments_due ON sop_enrollments (corp_id, due_at) WHERE status = 'active';
CREATE INDEX sop_enrollments_customer ON sop_enrollments (corp_id, customer_id) WHERE status = 'active';
CREATE INDEX sop_enrollments_flow ON sop_enrollments (corp_id, flow_id, status);
SELECT siyu_tenant_table('sop_enrollments');

CREATE TABLE sop_step_runs (
  corp_id text NOT NULL,
  enrollment_id uuid NOT NULL,
  seq integer NOT NULL,
  flow_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  step_id text NOT NULL,
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN ('done', 'skipped', 'failed')),
  reason text,
  at timestamptz NOT NULL,
  PRIMARY KEY (corp_id, enrollment_id, seq),
  FOREIGN KEY (corp_id, enrollment_id) REFERENCES sop_enrollments (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX sop_step_runs_flow ON sop_step_runs (corp_id, flow_id, step_id);
CREATE INDEX sop_step_runs_touches ON sop_step_runs (corp_id, customer_id, at) WHERE kind IN ('message', 'remind') AND status = 'done';
SELECT siyu_tenant_table('sop_step_runs');

CREATE TABLE sop_sends (
  corp_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  flow_id uuid NOT NULL,
  step_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('message', 'remind')),
  staff_userid text NOT NULL,
  customer_ids uuid[] NOT NULL,
  content jsonb NOT NULL,
  state text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'claimed', 'sent', 'failed')),
  msgid text,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, flow_id) REFERENCES sop_flows (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX sop_sends_flow ON sop_sends (corp_id, flow_id, step_id);
SELECT siyu_tenant_table('sop_sends');

CREATE TABLE sop_tasks (
  corp_id text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('send', 'follow_up')),
  flow_id uuid NOT NULL,
  enrollment_id uuid NOT NULL,
  seq integer NOT NULL,
  customer_id uuid NOT NULL,
  staff_userid text NOT NULL,
  title text NOT NULL,
  content jsonb,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dismissed')),
  due_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, enrollment_id, seq),
  FOREIGN KEY (corp_id, flow_id) REFERENCES sop_flows (corp_id, id) ON DELETE CASCADE,
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX sop_tasks_staff ON sop_tasks (corp_id, staff_userid, status, created_at DESC);
SELECT siyu_tenant_table('sop_tasks');

-- The contact budget counts the mass messages a customer got: look them up by customer.
CREATE INDEX broadcast_recipients_customer ON broadcast_recipients (corp_id, customer_id) WHERE role = 'send' AND customer_id IS NOT NULL;

CREATE FUNCTION siyu_sop_due_corps(at timestamptz) RETURNS TABLE (corp_id text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $fn$
  SELECT DISTINCT e.corp_id FROM sop_enrollments e WHERE e.status = 'active' AND e.due_at <= at
  UNION
  SELECT DISTINCT f.corp_id FROM sop_flows f WHERE f.status = 'active' AND f.entry_event IS NULL
$fn$;
REVOKE ALL ON FUNCTION siyu_sop_due_corps(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION siyu_sop_due_corps(timestamptz) TO siyu_app;
`;
