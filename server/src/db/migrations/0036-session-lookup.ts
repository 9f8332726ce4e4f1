// Every console request resolves its session cookie: the session and its membership in the session's corp. That was a
// read of `sessions`, then a transaction to set the user for the row-level check on `memberships` and read it joined to
// `corps` (5 round trips; a third of PGlite's time with 20 console users at once). This function answers it in one
// statement, as the owner, for exactly the session whose key (the hash of the cookie's token) is given.
export const sessionLookup = `
CREATE FUNCTION siyu_session_of(key text) RETURNS TABLE (id text, user_id uuid, corp_id text, role text, staff_userid text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $fn$
  SELECT s.id, s.user_id, s.corp_id, m.role, m.staff_userid
  FROM sessions s
  JOIN memberships m ON m.corp_id = s.corp_id AND m.user_id = s.user_id
  WHERE s.id = key AND s.expires_at > now()
$fn$;
REVOKE ALL ON FUNCTION siyu_session_of(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION siyu_session_of(text) TO siyu_app;
`;
