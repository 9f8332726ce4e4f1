import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../db/schema';
import { allowedRoles, allows, type Access, type AllowedRoles } from '../platform/policy/route-access';
import type { Permission } from '@siyu/contracts';
import { DomainError } from './errors';

// Every /api route states who may call it: 'public', 'authenticated' (any role), or one named permission
// (`{ permission: 'segments.write' }`), which the shared role → permissions table turns into roles.
export type { Access, AllowedRoles } from '../platform/policy/route-access';

export type AuthContext = { sessionId: string; userId: string; corpId: string; role: Role; staffUserid: string | null };

/** The signed-in user behind an action, for created_by and audit columns; null for work Siyu does on its own behalf
 *  (the demo seed and other system identities, whose session is 'system' and whose userId is no user's id). */
export function actingUserId(auth: AuthContext): string | null {
  return auth.sessionId === 'system' ? null : auth.userId;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

/** One /api route: `access` is the roles its declaration lets in, `permission` the permission it names (if any). */
export type RouteAccess = { method: string; url: string; access: AllowedRoles; permission: Permission | null; body: unknown; querystring: unknown; params: unknown; response: unknown };

export const SESSION_COOKIE = 'siyu_sid';

export function registerAccessControl(
  app: FastifyInstance,
  resolveSession: (sid: string) => Promise<AuthContext | null>,
): RouteAccess[] {
  const table: RouteAccess[] = [];
  app.decorateRequest('auth', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const body = route.schema?.body ?? null;
    const querystring = route.schema?.querystring ?? null;
    const params = route.schema?.params ?? null;
    const response = route.schema?.response ?? null;
    if (typeof access !== 'string' && !access.permission) throw new Error(`route ${String(route.method)} ${route.url} lists roles: declare a permission`);
    const roles = allowedRoles(access);
    const permission = typeof access === 'string' ? null : access.permission;
    for (const m of methods) if (m !== 'HEAD') table.push({ method: m, url: route.url, access: roles, permission, body, querystring, params, response });
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const sid = request.cookies[SESSION_COOKIE];
    request.auth = sid ? await resolveSession(sid) : null;
    if (!request.auth) throw new DomainError('unauthenticated');
    if (!allows(access, request.auth.role)) throw new DomainError('forbidden');
  });
  return table;
}

export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new DomainError('unauthenticated');
  return request.auth;
}
