// Applying a pipeline's stage rules to every customer runs as a job (asked for in the console, or on a schedule for
// rules that change with the passage of time), with its progress kept here.
export const stageRuleRuns = `
CREATE TABLE stage_rule_runs (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  pipeline_id uuid NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('manual', 'schedule')),
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  total integer NOT NULL DEFAULT 0,
  done integer NOT NULL DEFAULT 0,
  moved integer NOT NULL DEFAULT 0,
  stages jsonb NOT NULL DEFAULT '[]',
  error text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, pipeline_id) REFERENCES pipelines (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX stage_rule_runs_recent ON stage_rule_runs (corp_id, pipeline_id, created_at DESC);
SELECT siyu_tenant_table('stage_rule_runs');

-- The schedule's view across corps: pipelines with at least one stage rule.
CREATE FUNCTION siyu_rule_pipelines() RETURNS TABLE (corp_id text, pipeline_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $fn$
  SELECT DISTINCT s.corp_id, s.pipeline_id FROM stages s WHERE s.rule IS NOT NULL
$fn$;
REVOKE ALL ON FUNCTION siyu_rule_pipelines() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION siyu_rule_pipelines() TO siyu_app;
`;
