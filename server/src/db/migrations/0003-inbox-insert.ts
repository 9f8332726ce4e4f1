// The callback hot path in one round trip. SECURITY INVOKER: it runs as the caller (siyu_app), so RLS still
// applies, with the corp setting made transaction-local inside the same statement.
export const inboxInsert = `
CREATE OR REPLACE FUNCTION siyu_inbox_insert(p_corp text, p_identity text, p_event text, p_change_type text, p_kind text, p_payload jsonb)
RETURNS boolean LANGUAGE plpgsql SECURITY INVOKER AS $fn$
BEGIN
  PERFORM set_config('siyu.corp_id', p_corp, true);
  INSERT INTO wecom_inbox (corp_id, identity, event, change_type, kind, payload)
  VALUES (p_corp, p_identity, p_event, p_change_type, p_kind, p_payload)
  ON CONFLICT (corp_id, identity) DO NOTHING;
  RETURN FOUND;
END $fn$;
GRANT EXECUTE ON FUNCTION siyu_inbox_insert(text, text, text, text, text, jsonb) TO siyu_app;
`;
