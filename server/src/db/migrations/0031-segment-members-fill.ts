// A segment's first fill writes its members in one INSERT … SELECT; the two foreign keys of segment_members checked
// each row by a separate trigger query (and locked each member's customer row FOR KEY SHARE, dirtying 135k customer
// pages for the demo churn rule at 1M customers): 35–45 % of the fill. The keys go; what they guaranteed stays:
//  - every writer inserts only ids it read from customers / segments in the same transaction (segments.repo.ts:
//    recomputeSegment selects them from customers; applyMembershipChanges from a customer just evaluated), and a
//    recompute deletes any member the rule's evaluation over customers no longer yields;
//  - their ON DELETE CASCADE becomes one set-based statement per deleting statement (transition tables), as owner
//    like the foreign key's own cascade (row security does not hide another corp's rows from it).
export const segmentMembersFill = `
ALTER TABLE segment_members DROP CONSTRAINT IF EXISTS segment_members_corp_id_customer_id_fkey;
ALTER TABLE segment_members DROP CONSTRAINT IF EXISTS segment_members_corp_id_segment_id_fkey;

CREATE FUNCTION siyu_segment_members_customers_gone() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  DELETE FROM segment_members sm USING old_rows o WHERE sm.corp_id = o.corp_id AND sm.customer_id = o.id;
  RETURN NULL;
END $fn$;
CREATE TRIGGER customers_segment_members_delete AFTER DELETE ON customers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_segment_members_customers_gone();

CREATE FUNCTION siyu_segment_members_segments_gone() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  DELETE FROM segment_members sm USING old_rows o WHERE sm.corp_id = o.corp_id AND sm.segment_id = o.id;
  RETURN NULL;
END $fn$;
CREATE TRIGGER segments_segment_members_delete AFTER DELETE ON segments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION siyu_segment_members_segments_gone();
`;
