// Cross-site request refusal (issue 9, finding 3). The session cookie is SameSite=lax, but a page on another port
// of the same host is "same-site" and gets it: so every state-changing request (POST, PUT, PATCH, DELETE) must come
// from Siyu's own origin. The browser says where a request comes from: Sec-Fetch-Site when it sends it (only
// `same-origin` and `none`, a typed URL or bookmark, pass), else Origin, which must be this server's (the Host the
// request was sent to, any scheme) or PUBLIC_URL's. Requests with neither header (curl, servers, app.inject) pass:
// a browser always sends one on a cross-origin write. Routes authenticated by an API key or a signature and never by
// the cookie (WeCom callback, signed hooks, POST /api/events) declare `config: { crossSite: true }` and are not checked.
// /api bodies are JSON only: the text/plain parser is removed, so the one CORS-free body type a form can send to a
// JSON route is a 415; routes with uploads declare their own parsers (leads imports).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from './errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Authenticated by API key or signature, never by the session cookie: callable from any origin. */
    crossSite?: true;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameHost(origin: string, request: FastifyRequest): boolean {
  try {
    const from = new URL(origin);
    return from.host === new URL(`${from.protocol}//${request.host}`).host;
  } catch {
    return false;
  }
}

export function isSameOrigin(request: FastifyRequest, publicOrigin: string | null): boolean {
  const site = header(request, 'sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = header(request, 'origin');
  if (origin === undefined) return true;
  return origin === publicOrigin || sameHost(origin, request);
}

function originOf(publicUrl: string): string {
  try {
    return new URL(publicUrl).origin;
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute URL such as https://crm.example.com, got "${publicUrl}"`);
  }
}

export function registerSameOriginCheck(app: FastifyInstance, publicUrl: string | null) {
  const publicOrigin = publicUrl ? originOf(publicUrl) : null;
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || request.routeOptions.config?.crossSite) return;
    if (!isSameOrigin(request, publicOrigin)) throw Object.assign(new DomainError('cross_site_request'), { statusCode: 403 });
  });
}
