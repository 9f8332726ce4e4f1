// GET /sidebar: the sidebar's own small page (web/dist/sidebar.html, its own bundle, not the console's). WeCom opens
// it in its webview; a sandbox that plays WeCom for the corp shows it in a frame beside its simulated chat, so the
// page may be framed by that sandbox's origin only (every other page of Siyu refuses framing).
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { DomainError } from '../../http/errors';
import { CONSOLE_CSP } from '../../http/security-headers';
import type { WecomConnections } from '../wecom';

const WECOM_API = 'https://qyapi.weixin.qq.com';

export function registerSidebarPage(app: FastifyInstance, ctx: AppContext, connections: WecomConnections) {
  let html: string | null = null;
  const load = () => (html ??= fs.readFileSync(path.join(ctx.config.webDist, 'src/sidebar/sidebar.html'), 'utf8'));

  /** The sandbox origin that may frame the corp's sidebar, or null (real WeCom: no framing). */
  async function framer(corpId: unknown): Promise<string | null> {
    if (typeof corpId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(corpId)) return null;
    const conn = await connections.connection(corpId);
    if (!conn) return null;
    const base = connections.apiBaseOf(conn);
    if (base.replace(/\/+$/, '') === WECOM_API) return null;
    try {
      return new URL(base).origin;
    } catch {
      return null;
    }
  }

  app.get('/sidebar', { config: { access: 'public' } }, async (req, reply) => {
    let page: string;
    try {
      page = load();
    } catch {
      throw new DomainError('not_found'); // not built (npm run build:web), as the console's pages without a build
    }
    const origin = await framer((req.query as Record<string, unknown>).corp);
    if (origin) {
      reply.header('content-security-policy', CONSOLE_CSP.replace("frame-ancestors 'none'", `frame-ancestors ${origin}`));
      reply.removeHeader('x-frame-options');
    }
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
  });
}
