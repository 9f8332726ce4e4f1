// The session cookie is set in one way wherever a session opens (sign-in, accepting an invitation by its link).
import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../../http/access';

export function setSessionCookie(reply: FastifyReply, token: string, opts: { secureCookies: boolean; ttlHours: number }): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secureCookies,
    maxAge: opts.ttlHours * 3600,
  });
}
