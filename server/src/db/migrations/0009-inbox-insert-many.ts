// Callbacks that arrive together are stored together: one statement and one commit for a batch, still answered
// only after the commit. SECURITY INVOKER, so RLS applies as for the single-row function (0003).
export const inboxInsertMany = `
CREATE OR REPLACE FUNCTION siyu_inbox_insert_many(p_corp text, p_identity text[], p_event text[], p_change_type text[],
                                                  p_kind text[], p_payload jsonb[])
RETURNS SETOF text LANGUAGE plpgsql SECURITY INVOKER AS $fn$
BEGIN
  PERFORM set_config('siyu.corp_id', p_corp, true);
  RETURN QUERY
    INSERT INTO wecom_inbox (corp_id, identity, event, change_type, kind, payload)
    SELECT p_corp, u.identity, u.event, u.change_type, u.kind, u.payload
      FROM unnest(p_identity, p_event, p_change_type, p_kind, p_payload) WITH ORDINALITY
        AS u(identity, event, change_type, kind, payload, n)
     ORDER BY u.n
    ON CONFLICT (corp_id, identity) DO NOTHING
    RETURNING identity;
END $fn$;
GRANT EXECUTE ON FUNCTION siyu_inbox_insert_many(text, text[], text[], text[], text[], jsonb[]) TO siyu_app;
`;
