// The owner's own "done" on a group SOP item (群SOP 今日待办), per group: the run row of (push occurrence, group) —
// already the one per-group record, with corp_id and row-level security — says when the group's owner marked it done
// in the chat sidebar and who did. The sidebar reads a group's runs of the day, hence the index by group.
export const groupSopDone = `
ALTER TABLE group_sop_runs ADD COLUMN done_at timestamptz, ADD COLUMN done_by text;
CREATE INDEX group_sop_runs_by_group ON group_sop_runs (corp_id, chat_id, occurrence_at DESC);
`;
