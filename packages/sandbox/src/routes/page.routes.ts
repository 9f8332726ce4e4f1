// "Be a customer" page, QR images for contact/join codes, placeholder avatars.

import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { PAGE_HTML, PAGE_JS } from '../page-html';
import type { SandboxState } from '../state';
import { baseUrl } from './contact-way.routes';

export function registerPageRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/sandbox', async (_req, reply) => reply.type('text/html; charset=utf-8').send(PAGE_HTML));
  app.get('/sandbox/page.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(PAGE_JS));

  app.get('/sandbox/qr/:corpId/:file', async (req, reply) => {
    const { corpId, file } = req.params as { corpId: string; file: string };
    const configId = file.replace(/\.png$/, '');
    const corp = state.corps.get(corpId);
    if (!corp || (!corp.contactWays.has(configId) && !corp.joinWays.has(configId))) {
      return reply.code(404).send({ code: 'not_found', message: 'no such code' });
    }
    const link = `${baseUrl(state, req)}/sandbox/scan/${corpId}/${configId}`;
    const png = await QRCode.toBuffer(link, { type: 'png', width: 280, margin: 2 });
    return reply.type('image/png').send(png);
  });

  // What the QR encodes: opens the page with this code preselected.
  app.get('/sandbox/scan/:corpId/:configId', async (req, reply) => {
    const { corpId, configId } = req.params as { corpId: string; configId: string };
    return reply.redirect(`/sandbox?corp=${encodeURIComponent(corpId)}&code=${encodeURIComponent(configId)}`);
  });

  app.get('/sandbox/avatar/:file', async (req, reply) => {
    const id = (req.params as { file: string }).file.replace(/\.png$/, '');
    let h = 0;
    for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="hsl(${h % 360},55%,60%)"/></svg>`;
    return reply.type('image/svg+xml').send(svg);
  });
}
