import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../db/schema';
import { DomainError } from './errors';

// Every /api route states who may call it: 'public', 'authenticated' (any role), or a list of roles.
export type Access = 'public' | 'authenticated' | readonly Role[];

export type AuthContext = { sessionId: string; userId: string; corpId: string; role: Role; staffUserid: string | null };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export type RouteAccess = { method: string; url: string; access: Access; body: unknown; querystring: unknown };

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
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access roles`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const body = route.schema?.body ?? null;
    const querystring = route.schema?.querystring ?? null;
    for (const m of methods) if (m !== 'HEAD') table.push({ method: m, url: route.url, access, body, querystring });
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const sid = request.cookies[SESSION_COOKIE];
    request.auth = sid ? await resolveSession(sid) : null;
    if (!request.auth) throw new DomainError('unauthenticated');
    if (access !== 'authenticated' && !access.includes(request.auth.role)) throw new DomainError('forbidden');
  });
  return table;
}

export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new DomainError('unauthenticated');
  return request.auth;
}
