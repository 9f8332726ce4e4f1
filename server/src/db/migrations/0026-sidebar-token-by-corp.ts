// Citus distributes sidebar_sessions by corp_id, so its unique keys must lead with corp_id (npm run check:citus). The
// sidebar's bearer token is `corpId.token` and every lookup already filters by corp_id: the token's hash is unique
// within its corp, and the same index serves the lookup.
export const sidebarTokenByCorp = `
ALTER TABLE sidebar_sessions DROP CONSTRAINT sidebar_sessions_token_hash_key;
CREATE UNIQUE INDEX sidebar_sessions_token ON sidebar_sessions (corp_id, token_hash);
`;
