// Security headers on every response: the console, the API, the docs and the public pages (issue 9, finding 10).
// The built console (web/dist) has no inline script, so scripts come from 'self' only; antd injects its CSS-in-JS
// as <style> elements at run time, hence style-src 'unsafe-inline'. Avatars and QR codes come from WeCom (or the
// sandbox in the demo), hence images from any http(s) source. The public pages (/p/ fission progress, /s/ store
// landing) are server-rendered with one inline script each: they get 'unsafe-inline' scripts but may only talk to
// and load images from this server, and send no referrer (their URL carries a token). A route that needs another
// policy sets its own Content-Security-Policy header: it replaces this one.
import type { FastifyInstance } from 'fastify';

const COMMON = ["default-src 'self'", "object-src 'none'", "form-action 'self'", "frame-ancestors 'none'"];

export const CONSOLE_CSP = [
  ...COMMON,
  "base-uri 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self' data:",
  "connect-src 'self'",
].join('; ');

export const PUBLIC_PAGE_CSP = [
  ...COMMON,
  "base-uri 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
].join('; ');

const PUBLIC_PAGE = /^\/(p|s)\//;

export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    const page = PUBLIC_PAGE.test(request.url);
    reply.header('content-security-policy', page ? PUBLIC_PAGE_CSP : CONSOLE_CSP);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', page ? 'no-referrer' : 'same-origin');
  });
}
