// An invitation link carries a random single-use token; only its hash is stored, so a database leak opens no corp.
import { createHash, randomBytes } from 'node:crypto';

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export function newInviteToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(`invitation:${token}`).digest('hex');
}

export function inviteUrl(publicUrl: string | null, token: string): string {
  return `${(publicUrl ?? '').replace(/\/+$/, '')}/invite/${token}`;
}
