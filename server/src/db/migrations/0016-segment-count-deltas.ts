// Member counts without a hot row: an incremental entry or exit appends a delta here instead of updating its
// segment's row, so concurrent writers touching the same segment no longer wait for each other's commit. A segment's
// count is member_count plus its pending deltas; the periodic refresh folds them into member_count.
export const segmentCountDeltas = `
CREATE TABLE segment_count_deltas (
  corp_id text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  segment_id uuid NOT NULL,
  delta integer NOT NULL,
  PRIMARY KEY (corp_id, id),
  FOREIGN KEY (corp_id, segment_id) REFERENCES segments (corp_id, id) ON DELETE CASCADE
);
CREATE INDEX segment_count_deltas_segment ON segment_count_deltas (corp_id, segment_id) INCLUDE (delta);
SELECT siyu_tenant_table('segment_count_deltas');
`;
