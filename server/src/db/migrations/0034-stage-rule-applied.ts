// The form in which a stage's entry rule was last applied to every customer who could move (segments it refers to
// written out), set by the apply-rules job: the scheduled run skips a rule whose answer can only turn from yes to no
// with time once it has been applied in its present form (stages/rule-reads-clock.ts). Null: never applied as it is.
export const stageRuleApplied = `
ALTER TABLE stages ADD COLUMN rule_applied jsonb;
`;
