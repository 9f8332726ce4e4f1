// When each customer last did something themselves, kept by statement-level triggers on `events` (inserts, and the
// moves of a merge), so the inactivity scan reads one row per customer instead of aggregating the events table.
// siyu_is_activity() is the one list of timeline entries that are not the customer acting (staff, system, Siyu).
export const customerActivity = `
CREATE FUNCTION siyu_is_activity(event_type text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $fn$
  SELECT event_type <> ALL (ARRAY['follow_deleted_by_customer', 'follow_deleted_by_staff', 'level_up', 'stage_moved',
    'segment.entered', 'segment.exited', 'tags_changed', 'note_added', 'profile_merged'])
$fn$;

CREATE TABLE customer_activity (
  corp_id text NOT NULL,
  customer_id uuid NOT NULL,
  last_active_at timestamptz NOT NULL,
  PRIMARY KEY (corp_id, customer_id),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('customer_activity');

-- Rows are upserted in key order so that concurrent writers lock them in the same order.
CREATE FUNCTION siyu_customer_activity_add() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO customer_activity AS a (corp_id, customer_id, last_active_at)
  SELECT corp_id, customer_id, max(occurred_at) FROM new_rows
   WHERE siyu_is_activity(type) GROUP BY corp_id, customer_id ORDER BY corp_id, customer_id
  ON CONFLICT (corp_id, customer_id) DO UPDATE SET last_active_at = excluded.last_active_at
   WHERE excluded.last_active_at > a.last_active_at;
  RETURN NULL;
END $fn$;

CREATE TRIGGER events_activity_insert AFTER INSERT ON events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_customer_activity_add();
CREATE TRIGGER events_activity_update AFTER UPDATE ON events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_customer_activity_add();

INSERT INTO customer_activity (corp_id, customer_id, last_active_at)
SELECT corp_id, customer_id, max(occurred_at) FROM events WHERE siyu_is_activity(type) GROUP BY corp_id, customer_id;
`;
