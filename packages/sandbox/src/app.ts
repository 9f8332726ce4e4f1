// Composes the sandbox Fastify app: WeCom API under /cgi-bin, simulation under /sandbox.

import Fastify, { type FastifyInstance } from 'fastify';
import { SandboxError } from './errors';
import { registerChatWindowRoutes } from './routes/chat-window.routes';
import { registerContactWayRoutes } from './routes/contact-way.routes';
import { registerCoreRoutes } from './routes/core.routes';
import { registerExternalContactRoutes } from './routes/externalcontact.routes';
import { registerGroupChatRoutes } from './routes/groupchat.routes';
import { registerGroupMsgRoutes } from './routes/groupmsg.routes';
import { registerMediaRoutes } from './routes/media.routes';
import { registerMomentRoutes } from './routes/moments.routes';
import { registerPageRoutes } from './routes/page.routes';
import { registerSandboxRoutes } from './routes/sandbox.routes';
import { registerShopRoutes } from './routes/shop.routes';
import { registerTransferRoutes } from './routes/transfer.routes';
import { registerSecurityHeaders } from './security-headers';
import { SandboxState, type StateOptions } from './state';

export interface BuildOptions extends StateOptions {
  state?: SandboxState;
  logger?: boolean;
}

const states = new WeakMap<FastifyInstance, SandboxState>();

/** The state behind an app made by buildSandboxApp. */
export function getSandboxState(app: FastifyInstance): SandboxState {
  const s = states.get(app);
  if (!s) throw new Error('not a sandbox app');
  return s;
}

export function buildSandboxApp(opts: BuildOptions = {}): FastifyInstance {
  const state = opts.state ?? new SandboxState(opts);
  const app: FastifyInstance = Fastify({ logger: opts.logger ?? false, bodyLimit: 20 * 1024 * 1024 });
  states.set(app, state);
  registerSecurityHeaders(app);

  // Keep bodies raw: WeCom answers bad JSON with errcode 47001, the sandbox with 400.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof SandboxError) return reply.code(err.status).send({ code: err.code, message: err.message });
    const status =
      typeof (err as { statusCode?: unknown }).statusCode === 'number'
        ? (err as { statusCode: number }).statusCode
        : 500;
    if (status >= 500) req.log.error(err);
    const message = err instanceof Error ? err.message : String(err);
    if (req.url.startsWith('/cgi-bin/')) return reply.code(200).send({ errcode: -1, errmsg: message });
    return reply.code(status).send({ code: status >= 500 ? 'internal' : 'bad_request', message });
  });

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/cgi-bin/')) {
      return reply.code(404).send({ errcode: 404, errmsg: `invalid api path: ${req.method} ${req.url.split('?')[0]}` });
    }
    return reply.code(404).send({ code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });

  registerCoreRoutes(app, state);
  registerExternalContactRoutes(app, state);
  registerContactWayRoutes(app, state);
  registerGroupMsgRoutes(app, state);
  registerGroupChatRoutes(app, state);
  registerTransferRoutes(app, state);
  registerMediaRoutes(app, state);
  registerMomentRoutes(app, state);
  registerSandboxRoutes(app, state);
  registerShopRoutes(app, state);
  registerPageRoutes(app, state);
  registerChatWindowRoutes(app, state);
  app.addHook('onClose', async () => state.pusher.close());
  return app;
}
