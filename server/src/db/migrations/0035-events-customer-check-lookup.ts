// The timeline's customer check (migration 0033) joined a statement's customers to the whole customers table, and
// the planner hashed them against a scan of every customer of every corp (~350 ms per 10,000-row statement at 1M
// customers, and growing with the table, not with the statement). It now looks each named customer up through the
// primary key (one index probe and lock per distinct customer), whatever the table's size.
export const eventsCustomerCheckLookup = `
CREATE OR REPLACE FUNCTION siyu_events_customers_check() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
DECLARE
  named bigint;
  locked bigint;
  missing record;
BEGIN
  SELECT count(*) INTO named FROM (SELECT DISTINCT corp_id, customer_id FROM new_rows) n;
  SELECT count(*) INTO locked FROM (SELECT DISTINCT corp_id, customer_id FROM new_rows) n,
    LATERAL (SELECT 1 FROM customers c WHERE c.corp_id = n.corp_id AND c.id = n.customer_id FOR KEY SHARE) l;
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
