// Entry rules on stages (the segment rule language): a customer matching a stage's rule is advanced to it.
// The partial index keeps "does this corp have any stage rules?" one tiny lookup on every customer change.
export const stageRules = `
ALTER TABLE stages ADD COLUMN rule jsonb;
CREATE INDEX stages_with_rule ON stages (corp_id) WHERE rule IS NOT NULL;
`;
