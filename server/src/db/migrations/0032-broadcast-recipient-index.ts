// A mass message's plan writes every audience member at once (a million rows); each index and each row-level check
// is paid a million times in that one statement (at 100,000 rows: 0.5 s for the rows, ~1 s per index, ~1 s for the
// foreign-key checks). So:
// - one index reads a broadcast's recipients, task by task (the send job, the results pull) and as a whole (its
//   prefix: the cap check, the outcome, the list): (corp_id, broadcast_id, task_no, target) over every row, in
//   place of the primary key (corp_id, broadcast_id, target) and the send-only task index. A target is listed once
//   per broadcast by construction (the planner's audience has one row per customer or group);
// - the recipients follow their broadcast's deletion by one statement-level trigger instead of a foreign key checked
//   row by row (the planner inserts them in the transaction that inserted the broadcast; nothing else inserts them).
// The (corp_id, customer_id) index stays: the SOP contact budget reads a customer's mass messages through it.
export const broadcastRecipientIndex = `
ALTER TABLE broadcast_recipients DROP CONSTRAINT broadcast_recipients_corp_id_broadcast_id_fkey;
ALTER TABLE broadcast_recipients DROP CONSTRAINT broadcast_recipients_pkey;
DROP INDEX broadcast_recipients_task;
CREATE INDEX broadcast_recipients_task ON broadcast_recipients (corp_id, broadcast_id, task_no, target);

CREATE OR REPLACE FUNCTION siyu_broadcast_recipients_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM broadcast_recipients r USING old_rows o WHERE r.corp_id = o.corp_id AND r.broadcast_id = o.id;
  RETURN NULL;
END $fn$;
CREATE TRIGGER broadcasts_recipients_delete AFTER DELETE ON broadcasts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_broadcast_recipients_delete();
`;
