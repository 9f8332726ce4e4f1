// Two functions look customers up one key at a time: the segment evaluator's snapshot of a batch of customers and the
// timeline's customer check (and the customer key guard, rarely). PL/pgSQL plans their statements once per connection
// and keeps the plan. A connection that first ran them while a corp's tables were small (a new install, a new corp's
// first burst of customers) kept the sequential scans it planned then, and scanned the whole table per customer as it
// grew: after a burst of 5,000 adds the snapshot took 300–400 ms for 110 customers, the check 15–35 ms per statement
// (turning sequential scans off is not enough: on a tiny table the planner may take any index with the corp first).
// Both are now planned for each call with the table sizes of that moment (~0.6 ms of planning per batch): the snapshot
// with a custom plan, the check through EXECUTE (the trigger's transition table is visible to it).
export const lookupPlansKept = `
ALTER FUNCTION siyu_customer_snapshots(text, uuid[], text[]) SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION siyu_events_customer_key_kept() SET plan_cache_mode = force_custom_plan;

CREATE OR REPLACE FUNCTION siyu_events_customers_check() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
DECLARE
  named bigint;
  locked bigint;
  missing record;
BEGIN
  SELECT count(DISTINCT (corp_id, customer_id)) INTO named FROM new_rows;
  EXECUTE 'SELECT count(*) FROM (SELECT DISTINCT corp_id, customer_id FROM new_rows) n,
             LATERAL (SELECT 1 FROM customers c WHERE c.corp_id = n.corp_id AND c.id = n.customer_id FOR KEY SHARE) l'
     INTO locked;
  IF locked < named THEN
    SELECT n.corp_id, n.customer_id INTO missing FROM new_rows n
     WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.corp_id = n.corp_id AND c.id = n.customer_id) LIMIT 1;
    RAISE EXCEPTION 'insert or update on table "events" violates the timeline''s customer check'
      USING ERRCODE = 'foreign_key_violation', TABLE = 'events',
            DETAIL = format('Key (corp_id, customer_id)=(%s, %s) is not present in table "customers".', missing.corp_id, missing.customer_id);
  END IF;
  RETURN NULL;
END $fn$;
`;
