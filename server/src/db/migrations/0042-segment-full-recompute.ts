// When a segment was last recomputed over every customer, and the form of its rule then (segments it refers to
// written out). Between two such passes a scheduled recompute may look only at the present members, or skip the
// segment, when the clock alone cannot add anyone to it (segments/recompute-scope.ts). Null: never.
export const segmentFullRecompute = `
ALTER TABLE segments ADD COLUMN full_recomputed_at timestamptz, ADD COLUMN full_recompute_form jsonb;
`;
