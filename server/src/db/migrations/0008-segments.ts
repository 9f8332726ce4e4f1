// Segments and dynamic tags: a saved rule and its current members, kept current as customers change.
export const segments = `
CREATE TABLE segments (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  rule jsonb NOT NULL,
  kind text NOT NULL DEFAULT 'segment' CHECK (kind IN ('segment', 'dynamic_tag')),
  tag_id text,
  active boolean NOT NULL DEFAULT true,
  member_count integer NOT NULL DEFAULT 0,
  refreshed_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  CHECK ((kind = 'dynamic_tag') = (tag_id IS NOT NULL))
);
CREATE UNIQUE INDEX segments_name ON segments (corp_id, name);
CREATE UNIQUE INDEX segments_tag ON segments (corp_id, tag_id) WHERE tag_id IS NOT NULL;
SELECT siyu_tenant_table('segments');

CREATE TABLE segment_members (
  corp_id text NOT NULL,
  segment_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  since timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, segment_id, customer_id),
  FOREIGN KEY (corp_id, segment_id) REFERENCES segments (corp_id, id) ON DELETE CASCADE,
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX segment_members_customer ON segment_members (corp_id, customer_id);
SELECT siyu_tenant_table('segment_members');

-- Outbox of dynamic-tag changes to write to WeCom (mark_tag), drained by a job within rate limits.
CREATE TABLE segment_tag_outbox (
  corp_id text NOT NULL,
  id bigserial,
  customer_id uuid NOT NULL,
  tag_id text NOT NULL,
  op text NOT NULL CHECK (op IN ('add', 'remove')),
  attempts integer NOT NULL DEFAULT 0,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id)
);
SELECT siyu_tenant_table('segment_tag_outbox');

-- Full recomputes with progress.
CREATE TABLE segment_refresh_runs (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  trigger text NOT NULL DEFAULT 'schedule',
  total integer NOT NULL DEFAULT 0,
  done integer NOT NULL DEFAULT 0,
  entered integer NOT NULL DEFAULT 0,
  exited integer NOT NULL DEFAULT 0,
  error text,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (corp_id, id)
);
CREATE INDEX segment_refresh_runs_recent ON segment_refresh_runs (corp_id, started_at DESC);
SELECT siyu_tenant_table('segment_refresh_runs');

-- The customer list walks customers newest first and stops after a page.
CREATE INDEX IF NOT EXISTS customers_corp_created ON customers (corp_id, created_at DESC, id);

-- Which corps have active segments (the schedule's only cross-tenant read).
CREATE FUNCTION siyu_segment_corps() RETURNS TABLE (corp_id text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $fn$
  SELECT DISTINCT s.corp_id FROM segments s WHERE s.active
$fn$;
REVOKE ALL ON FUNCTION siyu_segment_corps() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION siyu_segment_corps() TO siyu_app;
`;
