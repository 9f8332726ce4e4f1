// A participant's public token (progress page, poster) names its corp: `<corpId>.<random>`, so the page's queries
// filter by corp_id from the first one and a Citus cluster routes them to one shard group. Tokens made before that
// (no corp) are still found through the security-definer lookup (campaign-refs.repo.ts).
import { randomBytes } from 'node:crypto';

/** The characters a token may have in a URL path (the routes' pattern). */
export const TOKEN_PATTERN = '^[A-Za-z0-9_.-]+$';
const CORP_IN_TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

export function newParticipantToken(corpId: string): string {
  const random = randomBytes(18).toString('base64url');
  return CORP_IN_TOKEN.test(corpId) ? `${corpId}.${random}` : random;
}

/** The corp a token names, or null for a token without one. */
export function corpOfToken(token: string): string | null {
  const dot = token.lastIndexOf('.');
  return dot > 0 ? token.slice(0, dot) : null;
}
