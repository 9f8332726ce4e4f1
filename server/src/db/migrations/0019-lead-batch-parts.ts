// A lead upload is kept as parts of at most 128 KiB, written and read one statement each, instead of one bytea
// value: PGlite takes over a minute, on the event loop, to bind a 32 MiB bytea parameter. Files of batches waiting
// to be imported move into one part each.
export const leadBatchParts = `
CREATE TABLE lead_batch_parts (
  corp_id text NOT NULL,
  batch_id uuid NOT NULL,
  part_no integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (corp_id, batch_id, part_no),
  FOREIGN KEY (corp_id, batch_id) REFERENCES lead_batches (corp_id, id) ON DELETE CASCADE
);
SELECT siyu_tenant_table('lead_batch_parts');
INSERT INTO lead_batch_parts (corp_id, batch_id, part_no, data)
  SELECT corp_id, id, 0, file FROM lead_batches WHERE file IS NOT NULL;
ALTER TABLE lead_batches DROP COLUMN file;
`;
