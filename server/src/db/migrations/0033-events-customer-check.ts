// The timeline takes a million rows in one broadcast's results (a `broadcast_sent` per reached customer, 10,000 per
// statement); its two foreign keys checked each row by a separate trigger query (customer, then corp): ~30 % of the
// insert. They become statement-level triggers (transition tables) that keep the same guarantees set-based:
//  - a timeline row names an existing customer of its own corp (so its corp exists too: customers reference corps):
//    after each INSERT or UPDATE statement on events, its distinct (corp, customer) pairs are locked FOR KEY SHARE in
//    one join, as the key's check locked each one (a concurrent delete of that customer waits for this transaction,
//    then removes the rows it wrote), and any pair left unlocked fails the statement with foreign_key_violation;
//  - deleting customers deletes their timeline (one statement per deleting statement, as owner like the key's own
//    cascade; a deleted corp deletes its customers, hence their timeline);
//  - a customer's key never changes while timeline rows name it (the key's NO ACTION on update).
export const eventsCustomerCheck = `
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_corp_id_customer_id_fkey;
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_corp_id_fkey;

CREATE FUNCTION siyu_events_customers_check() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
DECLARE
  named bigint;
  locked bigint;
  missing record;
BEGIN
  SELECT count(*) INTO named FROM (SELECT DISTINCT corp_id, customer_id FROM new_rows) n;
  SELECT count(*) INTO locked FROM (
    SELECT 1 FROM customers c JOIN (SELECT DISTINCT corp_id, customer_id FROM new_rows) n
        ON c.corp_id = n.corp_id AND c.id = n.customer_id
       FOR KEY SHARE OF c) l;
  IF locked < named THEN
    SELECT n.corp_id, n.customer_id INTO missing FROM new_rows n
     WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.corp_id = n.corp_id AND c.id = n.customer_id) LIMIT 1;
    RAISE EXCEPTION 'insert or update on table "events" violates the timeline''s customer check'
      USING ERRCODE = 'foreign_key_violation', TABLE = 'events',
            DETAIL = format('Key (corp_id, customer_id)=(%s, %s) is not present in table "customers".', missing.corp_id, missing.customer_id);
  END IF;
  RETURN NULL;
END $fn$;
CREATE TRIGGER events_customers_insert AFTER INSERT ON events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_events_customers_check();
CREATE TRIGGER events_customers_update AFTER UPDATE ON events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_events_customers_check();

CREATE FUNCTION siyu_events_customers_gone() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  DELETE FROM events e USING old_rows o WHERE e.corp_id = o.corp_id AND e.customer_id = o.id;
  RETURN NULL;
END $fn$;
CREATE TRIGGER customers_events_delete AFTER DELETE ON customers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_events_customers_gone();

CREATE FUNCTION siyu_events_customer_key_kept() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM events e WHERE e.corp_id = OLD.corp_id AND e.customer_id = OLD.id) THEN
    RAISE EXCEPTION 'update on table "customers" would leave timeline rows without their customer'
      USING ERRCODE = 'foreign_key_violation', TABLE = 'customers';
  END IF;
  RETURN NEW;
END $fn$;
CREATE TRIGGER customers_events_key AFTER UPDATE OF corp_id, id ON customers
  FOR EACH ROW WHEN (OLD.corp_id IS DISTINCT FROM NEW.corp_id OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION siyu_events_customer_key_kept();
`;
