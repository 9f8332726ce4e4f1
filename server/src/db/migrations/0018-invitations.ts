// Adding someone to a corp is an invitation its owner accepts, never a silent membership. The invitee reads it by
// its token (only the hash is stored) or, logged in, by their email: two narrow RLS openings beside the corp's own.
export const invitations = `
CREATE TABLE invitations (
  corp_id text NOT NULL REFERENCES corps(id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'operator', 'staff', 'analyst')),
  staff_userid text,
  token_hash text NOT NULL UNIQUE,
  invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  PRIMARY KEY (corp_id, id)
);
CREATE UNIQUE INDEX invitations_pending_email ON invitations (corp_id, email) WHERE status = 'pending';
CREATE INDEX invitations_invitee ON invitations (email) WHERE status = 'pending';
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations
  USING (corp_id = current_setting('siyu.corp_id', true)
    OR token_hash = current_setting('siyu.invitation_token', true)
    OR email = current_setting('siyu.invitee_email', true))
  WITH CHECK (corp_id = current_setting('siyu.corp_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON invitations TO siyu_app;
`;
