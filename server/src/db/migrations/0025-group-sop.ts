// Group SOP (群SOP): plans choosing customer groups, their calendar of pushes (each with when it is next due), and one
// run row per (push occurrence, group) — its primary key is the idempotency key (plan, push, occurrence time, chat id),
// so a crash or a second server never records or sends an occurrence twice. siyu_group_sop_due_corps() is the one
// cross-corp read: which corps have a push due, runs to send, a claim gone stale or results to pull.
export const groupSop = `
CREATE TABLE group_sop_plans (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'archived')),
  selection jsonb NOT NULL,
  last_error text,
  last_error_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id)
);
CREATE INDEX group_sop_plans_recent ON group_sop_plans (corp_id, created_at DESC);
SELECT siyu_tenant_table('group_sop_plans');

CREATE TABLE group_sop_pushes (
  corp_id text NOT NULL,
  plan_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  position integer NOT NULL,
  schedule jsonb NOT NULL,
  action text NOT NULL CHECK (action IN ('group_message', 'remind_owner')),
  content jsonb NOT NULL,
  next_at timestamptz,
  removed_at timestamptz,
  PRIMARY KEY (corp_id, plan_id, id),
  FOREIGN KEY (corp_id, plan_id) REFERENCES group_sop_plans (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX group_sop_pushes_due ON group_sop_pushes (next_at) WHERE next_at IS NOT NULL AND removed_at IS NULL;
SELECT siyu_tenant_table('group_sop_pushes');

CREATE TABLE group_sop_runs (
  corp_id text NOT NULL,
  plan_id uuid NOT NULL,
  push_id uuid NOT NULL,
  occurrence_at timestamptz NOT NULL,
  chat_id text NOT NULL,
  owner_userid text,
  action text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'created', 'sent', 'not_delivered',
    'received_other', 'refused', 'reminded', 'failed', 'missed')),
  batch_id uuid,
  claimed_at timestamptz,
  msgid text,
  sent_at timestamptz,
  polled_at timestamptz,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, plan_id, push_id, occurrence_at, chat_id),
  FOREIGN KEY (corp_id, plan_id) REFERENCES group_sop_plans (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX group_sop_runs_recent ON group_sop_runs (corp_id, plan_id, occurrence_at DESC);
CREATE INDEX group_sop_runs_batch ON group_sop_runs (corp_id, batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX group_sop_runs_open ON group_sop_runs (state, corp_id) WHERE state IN ('pending', 'claimed', 'created');
SELECT siyu_tenant_table('group_sop_runs');

CREATE FUNCTION siyu_group_sop_due_corps(at timestamptz, poll_before timestamptz, stale_before timestamptz)
  RETURNS TABLE (corp_id text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $fn$
  SELECT p.corp_id FROM group_sop_pushes p
    JOIN group_sop_plans g ON g.corp_id = p.corp_id AND g.id = p.plan_id
   WHERE p.next_at <= at AND p.removed_at IS NULL AND g.status = 'active'
  UNION
  SELECT r.corp_id FROM group_sop_runs r
   WHERE r.state IN ('pending', 'claimed', 'created')
     AND (r.state = 'pending'
       OR (r.state = 'claimed' AND r.claimed_at <= stale_before)
       OR (r.state = 'created' AND (r.polled_at IS NULL OR r.polled_at <= poll_before) AND r.occurrence_at > at - interval '14 days'))
$fn$;
REVOKE ALL ON FUNCTION siyu_group_sop_due_corps(timestamptz, timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION siyu_group_sop_due_corps(timestamptz, timestamptz, timestamptz) TO siyu_app;
`;
