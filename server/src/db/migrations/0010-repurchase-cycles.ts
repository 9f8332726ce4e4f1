// Repurchase cycles per product (by sku, or by category when no sku rule matches), and what alerts need to be
// one per product, opened once per episode and closed with a reason.
export const repurchaseCycles = `
CREATE TABLE repurchase_cycles (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  match text NOT NULL CHECK (match IN ('sku', 'category')),
  value text NOT NULL,
  name text NOT NULL DEFAULT '',
  cycle_days integer NOT NULL CHECK (cycle_days BETWEEN 1 AND 3650),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (corp_id, id),
  UNIQUE (corp_id, match, value)
);
SELECT siyu_tenant_table('repurchase_cycles');

-- subject: what the alert is about within its kind ('sku:MILK', 'category:水果'; '' when the kind says it all).
-- basis_at: the moment the alert's episode started from (last purchase, last activity, deletion); an alert is not
-- opened again for the same episode once it was closed.
ALTER TABLE alerts ADD COLUMN subject text NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN basis_at timestamptz;
ALTER TABLE alerts ADD COLUMN resolved_reason text;
ALTER TABLE alerts ADD COLUMN notify_failed_at timestamptz;
DROP INDEX alerts_one_open;
CREATE UNIQUE INDEX alerts_one_open ON alerts (corp_id, customer_id, kind, subject, coalesce(staff_userid, '')) WHERE status = 'open';
CREATE INDEX alerts_episode ON alerts (corp_id, customer_id, kind, subject, basis_at);
`;
