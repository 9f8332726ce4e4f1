// The sandbox's pages run on the same site as the console in the demo, so they get the console's headers: a
// Content-Security-Policy without inline script (the page's script is /sandbox/page.js), no framing, no sniffing,
// no referrer to other sites. Kept here rather than imported: the sandbox does not depend on the server.
import type { FastifyInstance } from 'fastify';

export const SANDBOX_CSP = [
  "default-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: http: https:",
  "connect-src 'self'",
].join('; ');

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('content-security-policy', SANDBOX_CSP);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });
}
