// Mass messages (群发) to customers and groups: the broadcast, its WeCom tasks (one add_msg_template per sending
// staff member and chunk), every audience member with the role the planner gave them (sent to, held out, excluded
// and why) and the status WeCom reported, the corp's cap period and opt-outs.
export const broadcasts = `
CREATE TABLE broadcast_settings (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  cap_period text NOT NULL DEFAULT 'month' CHECK (cap_period IN ('month', 'week', 'day')),
  unavailable_errcode integer,
  unavailable_message text,
  unavailable_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id)
);
SELECT siyu_tenant_table('broadcast_settings');

CREATE TABLE broadcasts (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('customer', 'group')),
  name text NOT NULL,
  status text NOT NULL DEFAULT 'scheduled'
    CHECK (status IN ('scheduled', 'sending', 'sent', 'completed', 'cancelled', 'failed')),
  audience jsonb NOT NULL,
  variants jsonb NOT NULL,
  holdout_percent numeric(5, 2) NOT NULL DEFAULT 0,
  seed text NOT NULL,
  send_at timestamptz NOT NULL,
  attribution_days integer NOT NULL DEFAULT 7,
  exclusions jsonb NOT NULL DEFAULT '{}',
  planned_count integer NOT NULL DEFAULT 0,
  holdout_count integer NOT NULL DEFAULT 0,
  task_count integer NOT NULL DEFAULT 0,
  error text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  polled_at timestamptz,
  completed_at timestamptz,
  PRIMARY KEY (corp_id, id)
);
CREATE INDEX broadcasts_recent ON broadcasts (corp_id, created_at DESC);
SELECT siyu_tenant_table('broadcasts');

CREATE TABLE broadcast_tasks (
  corp_id text NOT NULL,
  broadcast_id uuid NOT NULL,
  task_no integer NOT NULL,
  staff_userid text NOT NULL,
  variant text NOT NULL,
  recipient_count integer NOT NULL,
  state text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'claimed', 'created', 'failed', 'cancelled')),
  claimed_at timestamptz,
  msgid text,
  refused_count integer NOT NULL DEFAULT 0,
  staff_status smallint NOT NULL DEFAULT 0,
  staff_sent_at timestamptz,
  results_at timestamptz,
  remind_count integer NOT NULL DEFAULT 0,
  reminded_at timestamptz,
  error text,
  PRIMARY KEY (corp_id, broadcast_id, task_no),
  FOREIGN KEY (corp_id, broadcast_id) REFERENCES broadcasts (corp_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX broadcast_tasks_msgid ON broadcast_tasks (corp_id, msgid, staff_userid) WHERE msgid IS NOT NULL;
SELECT siyu_tenant_table('broadcast_tasks');

CREATE TABLE broadcast_recipients (
  corp_id text NOT NULL,
  broadcast_id uuid NOT NULL,
  target text NOT NULL,
  customer_id uuid,
  staff_userid text,
  variant text,
  task_no integer,
  role text NOT NULL CHECK (role IN ('send', 'holdout', 'excluded')),
  reason text CHECK (reason IN ('not_friend', 'cap', 'opted_out', 'excluded')),
  status smallint,
  sent_at timestamptz,
  PRIMARY KEY (corp_id, broadcast_id, target),
  FOREIGN KEY (corp_id, broadcast_id) REFERENCES broadcasts (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX broadcast_recipients_task ON broadcast_recipients (corp_id, broadcast_id, task_no, target) WHERE role = 'send';
CREATE INDEX broadcast_recipients_target ON broadcast_recipients (corp_id, target) WHERE role = 'send';
SELECT siyu_tenant_table('broadcast_recipients');

CREATE TABLE broadcast_opt_outs (
  corp_id text NOT NULL,
  customer_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, customer_id)
);
SELECT siyu_tenant_table('broadcast_opt_outs');
`;
