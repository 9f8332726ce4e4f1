// What customers do (the timeline) and what they buy. Shared by acquisition (conversion, revenue per channel),
// profiles, segments, RFM and analytics.
export const events = `
CREATE TABLE events (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id bigserial,
  customer_id uuid NOT NULL,
  type text NOT NULL,
  source text NOT NULL DEFAULT 'system',
  dedupe_key text,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  properties jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX events_dedupe ON events (corp_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX events_customer ON events (corp_id, customer_id, occurred_at DESC);
CREATE INDEX events_type ON events (corp_id, type, occurred_at DESC);
SELECT siyu_tenant_table('events');

CREATE TABLE orders (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL,
  order_no text NOT NULL,
  amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
  currency text NOT NULL DEFAULT 'CNY',
  paid_at timestamptz NOT NULL,
  source text NOT NULL DEFAULT 'api',
  store_id text,
  staff_userid text,
  items jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, order_no),
  FOREIGN KEY (corp_id, customer_id) REFERENCES customers (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX orders_customer ON orders (corp_id, customer_id, paid_at DESC);
CREATE INDEX orders_paid ON orders (corp_id, paid_at DESC);
SELECT siyu_tenant_table('orders');
`;
