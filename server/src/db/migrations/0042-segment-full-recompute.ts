// When a segment was last recomputed over every customer, and the form of its rule then (segments it refers to
// written out). Between two such passes the schedule skips a segment whose rule reads no clock, as long as that form
// is still the rule's (segments/recompute-scope.ts). Null: never.
export const segmentFullRecompute = `
ALTER TABLE segments ADD COLUMN full_recomputed_at timestamptz, ADD COLUMN full_recompute_form jsonb;
`;
