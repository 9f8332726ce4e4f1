// Lifetime order figures per customer (count, amount, first and last payment), kept by statement-level triggers on
// `orders` so every writer (events API, imports, merges, deletes) keeps them exact. Rules without a window or an item
// filter read this table instead of grouping `orders`: one narrow row per buyer instead of every order.
export const orderStats = `
CREATE TABLE customer_order_stats (
  corp_id text NOT NULL,
  customer_id uuid NOT NULL,
  order_count integer NOT NULL,
  order_amount numeric(16, 2) NOT NULL,
  first_paid_at timestamptz NOT NULL,
  last_paid_at timestamptz NOT NULL,
  PRIMARY KEY (corp_id, customer_id),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('customer_order_stats');

-- New orders add to the figures (no re-reading of older orders). Rows are upserted in key order so that concurrent
-- writers lock them in the same order.
CREATE FUNCTION siyu_order_stats_add() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO customer_order_stats AS s (corp_id, customer_id, order_count, order_amount, first_paid_at, last_paid_at)
  SELECT corp_id, customer_id, count(*), sum(amount), min(paid_at), max(paid_at)
    FROM new_rows GROUP BY corp_id, customer_id ORDER BY corp_id, customer_id
  ON CONFLICT (corp_id, customer_id) DO UPDATE SET
    order_count = s.order_count + excluded.order_count,
    order_amount = s.order_amount + excluded.order_amount,
    first_paid_at = least(s.first_paid_at, excluded.first_paid_at),
    last_paid_at = greatest(s.last_paid_at, excluded.last_paid_at);
  RETURN NULL;
END $fn$;

-- Changed or deleted orders: the touched customers are recomputed from their remaining orders.
CREATE FUNCTION siyu_order_stats_recompute(keys jsonb) RETURNS void LANGUAGE sql AS $fn$
  WITH k AS (
    SELECT DISTINCT x ->> 'corp_id' AS corp_id, (x ->> 'customer_id')::uuid AS customer_id
      FROM jsonb_array_elements(keys) x
  ), agg AS (
    SELECT k.corp_id, k.customer_id, count(o.id) AS n, coalesce(sum(o.amount), 0) AS amount,
           min(o.paid_at) AS first_paid_at, max(o.paid_at) AS last_paid_at
      FROM k LEFT JOIN orders o ON o.corp_id = k.corp_id AND o.customer_id = k.customer_id
     GROUP BY k.corp_id, k.customer_id
  ), gone AS (
    DELETE FROM customer_order_stats s USING agg
     WHERE s.corp_id = agg.corp_id AND s.customer_id = agg.customer_id AND agg.n = 0
  )
  INSERT INTO customer_order_stats AS s (corp_id, customer_id, order_count, order_amount, first_paid_at, last_paid_at)
  SELECT agg.corp_id, agg.customer_id, agg.n, agg.amount, agg.first_paid_at, agg.last_paid_at
    FROM agg JOIN customers c ON c.corp_id = agg.corp_id AND c.id = agg.customer_id
   WHERE agg.n > 0 ORDER BY agg.corp_id, agg.customer_id
  ON CONFLICT (corp_id, customer_id) DO UPDATE SET
    order_count = excluded.order_count,
    order_amount = excluded.order_amount,
    first_paid_at = excluded.first_paid_at,
    last_paid_at = excluded.last_paid_at;
$fn$;

CREATE FUNCTION siyu_order_stats_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM siyu_order_stats_recompute((
      SELECT coalesce(jsonb_agg(jsonb_build_object('corp_id', corp_id, 'customer_id', customer_id)), '[]')
        FROM (SELECT corp_id, customer_id FROM old_rows UNION SELECT corp_id, customer_id FROM new_rows) k));
  ELSE
    PERFORM siyu_order_stats_recompute((
      SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_object('corp_id', corp_id, 'customer_id', customer_id)), '[]')
        FROM old_rows));
  END IF;
  RETURN NULL;
END $fn$;

CREATE TRIGGER orders_stats_insert AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_order_stats_add();
CREATE TRIGGER orders_stats_update AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_order_stats_changed();
CREATE TRIGGER orders_stats_delete AFTER DELETE ON orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_order_stats_changed();

-- Rebuilds one corp's figures from its orders (backfill; bulk loads that bypass triggers).
CREATE FUNCTION siyu_rebuild_order_stats(corp text) RETURNS void LANGUAGE sql AS $fn$
  DELETE FROM customer_order_stats WHERE corp_id = corp;
  INSERT INTO customer_order_stats (corp_id, customer_id, order_count, order_amount, first_paid_at, last_paid_at)
  SELECT corp_id, customer_id, count(*), sum(amount), min(paid_at), max(paid_at)
    FROM orders WHERE corp_id = corp GROUP BY corp_id, customer_id;
$fn$;

SELECT siyu_rebuild_order_stats(id) FROM corps;

-- Windowed order rules look up one customer's orders by time and sum their amounts: from the index alone.
DROP INDEX orders_customer;
CREATE INDEX orders_customer ON orders (corp_id, customer_id, paid_at DESC) INCLUDE (amount);
`;
