// When a segment was last recomputed over every customer, and the form of its rule then (segments it refers to
// written out); and the moment its rule was last evaluated for everyone the clock could have moved since the pass
// before (over every customer, or those with a row at one of the rule's clock edges). Between passes over every
// customer the schedule looks only at the customers the clock can have moved, or skips a rule that reads no clock
// (segments/recompute-scope.ts). Null: never.
export const segmentFullRecompute = `
ALTER TABLE segments ADD COLUMN full_recomputed_at timestamptz, ADD COLUMN full_recompute_form jsonb,
  ADD COLUMN clock_checked_at timestamptz;
`;
