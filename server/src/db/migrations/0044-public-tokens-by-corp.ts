// Citus distributes tenant tables by corp_id and refuses a unique key that does not lead with it (npm run check:citus).
// Two public tokens were unique across corps because they are looked up before the corp is known:
// - an invitation's token hash (accepting the link, no session yet): unique within its corp; the lookup by hash keeps
//   a plain index (on Citus it asks every shard, once per accepted or declined invitation, as the invitee's lookup by
//   email already does);
// - a fission participant's token: new tokens name their corp (`<corpId>.<random>`, fission/participant-token.ts), so
//   the public page's queries filter by corp_id; tokens made before keep a plain index for their lookup by token.
// Both tokens are random (32 and 18 bytes), so a key unique within the corp loses nothing in practice.
export const publicTokensByCorp = `
ALTER TABLE invitations DROP CONSTRAINT IF EXISTS invitations_token_hash_key;
CREATE UNIQUE INDEX invitations_corp_token ON invitations (corp_id, token_hash);
CREATE INDEX invitations_token_hash ON invitations (token_hash);

DROP INDEX IF EXISTS fission_participants_token;
CREATE UNIQUE INDEX fission_participants_corp_token ON fission_participants (corp_id, token);
CREATE INDEX fission_participants_token ON fission_participants (token);
`;
