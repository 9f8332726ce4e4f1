// Mass-message recipients are written a million at a time (the plan) and updated a page at a time (the results):
// - half of each page is left free, so a recipient's status and send time are written as a new version on the same
//   page (a HOT update: no index entry written) — the planner's insert pays for the space, the results pull gains more;
// - the (corp_id, target) index goes: the cap check now finds this period's recipients through the broadcasts of
//   the period (the primary key's (corp_id, broadcast_id) prefix), and each index costs every plan a million entries.
export const broadcastRecipientWrites = `
ALTER TABLE broadcast_recipients SET (fillfactor = 50);
DROP INDEX IF EXISTS broadcast_recipients_target;
`;
