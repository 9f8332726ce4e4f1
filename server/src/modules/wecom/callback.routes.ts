// /wecom/callback/:corpId — WeCom's push endpoint. The hot path: cached crypto → verify + decrypt →
// one INSERT … ON CONFLICT DO NOTHING → wake the inbox worker → 200 "success". Work happens later.
import { eventIdentity, parseEvent, WecomCallbackError, type SignatureParams } from '@siyu/wecom';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import { cleanDeep } from './clean-text';
import { createInboxBatcher } from './inbox-batcher';
import type { InboxWorker } from './process-inbox-event.job';
import type { WecomConnections } from './wecom-connection.service';

export const CALLBACK_BODY_LIMIT = 1024 * 1024;

export type CallbackOutcome =
  | 'stored'
  | 'duplicate'
  | 'verified'
  | 'bad_signature'
  | 'bad_xml'
  | 'bad_key'
  | 'wrong_receiver'
  | 'unknown_corp'
  | 'not_configured'
  | 'too_large'
  | 'bad_request'
  | 'error';

const STATUS: Record<CallbackOutcome, number> = {
  stored: 200,
  duplicate: 200,
  verified: 200,
  bad_signature: 403,
  bad_xml: 400,
  bad_key: 400,
  wrong_receiver: 400,
  unknown_corp: 404,
  not_configured: 404,
  too_large: 413,
  bad_request: 400,
  error: 500,
};

type Query = Partial<Record<'msg_signature' | 'timestamp' | 'nonce' | 'echostr', string>>;

// WeCom's timestamp is Unix seconds: anything else was not sent by WeCom, however it is signed.
function signatureParams(q: Query): SignatureParams | null {
  if (!q.msg_signature || !q.timestamp || !q.nonce || !/^\d{1,12}$/.test(q.timestamp)) return null;
  return { msg_signature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce };
}

export function registerCallbackRoutes(
  app: FastifyInstance,
  deps: { ctx: AppContext; connections: WecomConnections; inbox: InboxWorker },
) {
  const { ctx, connections, inbox } = deps;
  const outcomes = new WeakMap<FastifyRequest, CallbackOutcome>();
  const inboxWriter = createInboxBatcher(ctx.database.ingestDb); // connections background work cannot take

  function answer(request: FastifyRequest, reply: FastifyReply, outcome: CallbackOutcome, body?: string) {
    outcomes.set(request, outcome);
    const status = STATUS[outcome];
    reply.code(status).type('text/plain; charset=utf-8');
    return reply.send(body ?? (status === 200 ? 'success' : outcome));
  }

  app.register(async (scope) => {
    // WeCom posts text/xml (sometimes without a content type): take every body as a string, 1 MiB at most.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: CALLBACK_BODY_LIMIT }, (_req, body, done) => done(null, body));

    scope.addHook('onResponse', async (request, reply) => {
      const outcome = outcomes.get(request) ?? (reply.statusCode === 413 ? 'too_large' : reply.statusCode >= 500 ? 'error' : 'bad_request');
      ctx.metrics.wecomCallbacks.labels(outcome).inc();
      ctx.metrics.wecomCallbackDuration.labels(outcome).observe(reply.elapsedTime / 1000);
    });

    scope.setErrorHandler((err: FastifyError, request, reply) => {
      const status = err.statusCode ?? 500;
      if (status === 413) return answer(request, reply, 'too_large');
      if (status >= 400 && status < 500) return answer(request, reply, 'bad_request');
      request.log.error({ err }, 'wecom callback failed');
      return answer(request, reply, 'error');
    });

    const paramsSchema = {
      type: 'object',
      properties: { corpId: { type: 'string', minLength: 1, maxLength: 64 } },
      required: ['corpId'],
    } as const;

    scope.get<{ Params: { corpId: string }; Querystring: Query }>(
      '/wecom/callback/:corpId',
      { schema: { hide: true, params: paramsSchema } },
      async (request, reply) => {
        const lookup = await connections.callbackCrypto(request.params.corpId);
        if (lookup.status !== 'ok') return answer(request, reply, lookup.status);
        const sig = signatureParams(request.query);
        if (!sig || !request.query.echostr) return answer(request, reply, 'bad_request');
        try {
          const plain = lookup.crypto.verifyUrl({ ...sig, echostr: request.query.echostr });
          return answer(request, reply, 'verified', plain);
        } catch (err) {
          if (err instanceof WecomCallbackError) return answer(request, reply, err.code);
          throw err;
        }
      },
    );

    scope.post<{ Params: { corpId: string }; Querystring: Query; Body: unknown }>(
      '/wecom/callback/:corpId',
      { config: { crossSite: true }, schema: { hide: true, params: paramsSchema } },
      async (request, reply) => {
        const corpId = request.params.corpId;
        const lookup = await connections.callbackCrypto(corpId);
        if (lookup.status !== 'ok') return answer(request, reply, lookup.status);
        const sig = signatureParams(request.query);
        if (!sig) return answer(request, reply, 'bad_signature');
        const body = typeof request.body === 'string' ? request.body : '';
        let event;
        try {
          // Cleaned before it is stored (jsonb refuses NUL and lone surrogates): WeCom's strings are never a reason to drop an event.
          event = cleanDeep(parseEvent(lookup.crypto.decryptBody(body, sig)));
        } catch (err) {
          if (err instanceof WecomCallbackError) return answer(request, reply, err.code);
          throw err;
        }
        const stored = await inboxWriter.store(corpId, {
          identity: eventIdentity(event),
          event: event.event,
          changeType: event.changeType,
          kind: event.kind,
          payload: event,
        });
        if (stored) inbox.kick(corpId);
        return answer(request, reply, stored ? 'stored' : 'duplicate');
      },
    );
  });
}
