// Who is looking at the sidebar: a staff member WeCom OAuth named, held in a cookie of its own (never the console's
// session). Every sidebar route runs with an AuthContext of role 'staff' bound to that staff member, so the other
// modules' services apply the same visible-scope policy as they do to a staff member in the console.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { findSession } from './sidebar-session.repo';

export const SIDEBAR_COOKIE = 'siyu_sidebar';
export const SESSION_HOURS = 8;

export type SidebarSession = { sessionId: string; corpId: string; staffUserid: string; staffName: string; auth: AuthContext };

declare module 'fastify' {
  interface FastifyRequest {
    sidebar: SidebarSession | null;
  }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

const CORP = /^[A-Za-z0-9_-]{1,64}$/;

/** `corpId.token` → the corp and the token; anything else → null. */
function parseCookie(value: string | undefined): { corpId: string; token: string } | null {
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  if (dot < 1) return null;
  const corpId = value.slice(0, dot);
  const token = value.slice(dot + 1);
  return CORP.test(corpId) && token.length >= 32 && token.length <= 64 ? { corpId, token } : null;
}

export function setSidebarCookie(reply: FastifyReply, ctx: AppContext, corpId: string, token: string) {
  reply.setCookie(SIDEBAR_COOKIE, `${corpId}.${token}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.publicUrl?.startsWith('https://') ?? false,
    maxAge: SESSION_HOURS * 3600,
  });
}

/**
 * Resolves the sidebar cookie on every request of the scope the hook is added to; no live session → 401. It runs
 * once the body is parsed and validated, so a malformed or non-JSON body is a 400 / 415 whoever sends it.
 */
export function requireSidebarSession(scope: FastifyInstance, ctx: AppContext) {
  scope.decorateRequest('sidebar', null);
  scope.addHook('preHandler', async (req: FastifyRequest) => {
    req.sidebar = await sidebarSessionOf(ctx, req);
    if (!req.sidebar) throw new DomainError('sidebar_signed_out');
  });
}

/** The live sidebar session the request's cookie names (an active staff member's), or null. */
export async function sidebarSessionOf(ctx: AppContext, req: FastifyRequest): Promise<SidebarSession | null> {
  const c = parseCookie(req.cookies[SIDEBAR_COOKIE]);
  if (!c) return null;
  const s = await withCorp(ctx.db, c.corpId, (tx) => findSession(tx, c.corpId, hashToken(c.token)));
  if (!s || s.staffStatus !== 1) return null;
  return {
    sessionId: s.id,
    corpId: c.corpId,
    staffUserid: s.staffUserid,
    staffName: s.staffName ?? s.staffUserid,
    auth: { sessionId: `sidebar:${s.id}`, userId: s.userId ?? s.id, corpId: c.corpId, role: 'staff', staffUserid: s.staffUserid },
  };
}

export function sidebarOf(req: FastifyRequest): SidebarSession {
  if (!req.sidebar) throw new DomainError('sidebar_signed_out');
  return req.sidebar;
}
