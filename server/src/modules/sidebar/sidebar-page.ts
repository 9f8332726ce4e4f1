// GET /sidebar: the sidebar's own small page (web/dist/sidebar.html, its own bundle, not the console's). WeCom opens
// it in its webview; a sandbox that plays WeCom for the corp shows it in a frame beside its simulated chat, so the
// page may be framed by that sandbox's origin only (every other page of Siyu refuses framing). When the request
// already carries a live sidebar session of the page's corp, the page carries what GET /api/sidebar/start would answer
// (who is looking, the page's signatures) as a JSON data block: the head (with the bundle's links) goes out at once,
// the data and the body once signed, so the phone fetches the bundle meanwhile and saves a round trip after it.
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { DomainError } from '../../http/errors';
import { CONSOLE_CSP } from '../../http/security-headers';
import type { WecomConnections } from '../wecom';
import { sidebarSessionOf } from './sidebar-auth';
import { originOf, type SidebarStartService } from './sidebar-start';

const WECOM_API = 'https://qyapi.weixin.qq.com';
const CORP = /^[A-Za-z0-9_-]{1,64}$/;

/** JSON safe inside <script type="application/json">: nothing in it can close the element. */
const jsonForHtml = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export function registerSidebarPage(app: FastifyInstance, ctx: AppContext, connections: WecomConnections, start: SidebarStartService) {
  /** The built page, read on each request (1 kB): a rebuilt web bundle is served at once, never a stale page. */
  async function load(): Promise<{ head: string; body: string }> {
    const html = await fs.promises.readFile(path.join(ctx.config.webDist, 'src/sidebar/sidebar.html'), 'utf8');
    const at = html.indexOf('<body>');
    return at < 0 ? { head: '', body: html } : { head: html.slice(0, at), body: html.slice(at) };
  }

  /** The sandbox origin that may frame the corp's sidebar, or null (real WeCom: no framing). */
  async function framer(corpId: unknown): Promise<string | null> {
    if (typeof corpId !== 'string' || !CORP.test(corpId)) return null;
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

  /** The start data for this page, when a live session of the page's corp asks; null otherwise (the page asks). */
  async function startData(req: FastifyRequest, corpId: unknown): Promise<string> {
    try {
      const s = await sidebarSessionOf(ctx, req);
      if (!s || s.corpId !== corpId) return '';
      const url = `${originOf(ctx, req)}${req.url}`;
      return `<script type="application/json" id="sb-start">${jsonForHtml({ url, ...(await start.start(s, url)) })}</script>`;
    } catch (err) {
      // WeCom could not sign now: the page asks /api/sidebar/start itself and shows that refusal
      if (err instanceof DomainError) return '';
      throw err;
    }
  }

  app.get('/sidebar', { config: { access: 'public' } }, async (req, reply) => {
    let page: { head: string; body: string };
    try {
      page = await load();
    } catch {
      throw new DomainError('not_found'); // not built (npm run build:web), as the console's pages without a build
    }
    const corpId = (req.query as Record<string, unknown>).corp;
    const origin = await framer(corpId);
    if (origin) {
      reply.header('content-security-policy', CONSOLE_CSP.replace("frame-ancestors 'none'", `frame-ancestors ${origin}`));
      reply.removeHeader('x-frame-options');
    }
    const out = new PassThrough();
    out.write(page.head);
    void startData(req, corpId).then(
      (data) => out.end(data + page.body),
      (err: unknown) => {
        req.log.warn({ err }, 'sidebar start data not written');
        out.end(page.body);
      },
    );
    return reply.header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(out);
  });
}
