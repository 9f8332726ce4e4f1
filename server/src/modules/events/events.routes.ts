// HTTP of the events module: the public events API (API key), the signed webhook, API keys, the webhook's secret and
// the order import. Validate with the contracts' schemas, dispatch to the service.
import {
  NoContent,
  ApiKeyCreateBody,
  ApiKeyIdParams,
  ApiKeyListSchema,
  CreatedApiKeySchema,
  EventsBatchBody,
  EventsIngestResultSchema,
  OrderImportBody,
  OrderImportResultSchema,
  WebhookInfoSchema,
  type ApiKeyCreate,
  type EventsBatch,
  type OrderImportRequest,
} from '@siyu/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { EventsService } from './events.service';

const tags = ['events'];
const admin = { access: { permission: 'integrations.admin' } } as const;

type RawRequest = { rawBody?: string };

export function registerEventsRoutes(app: FastifyInstance, events: EventsService) {
  // Authenticated by API key in the service (not by session): access 'public' at the HTTP layer.
  app.post<{ Body: EventsBatch }>(
    '/api/events',
    { config: { access: 'public', crossSite: true }, schema: { tags, body: EventsBatchBody, response: { 200: EventsIngestResultSchema } } },
    async (req) => events.ingestWithKey(req.headers.authorization, req.body.events),
  );

  // The signed webhook needs the exact bytes: its own JSON parser keeps them.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      (req as unknown as RawRequest).rawBody = body as string;
      try {
        done(null, JSON.parse(body as string));
      } catch (err) {
        (err as { statusCode?: number }).statusCode = 400;
        done(err as Error, undefined);
      }
    });
    scope.post<{ Params: { corpId: string }; Body: EventsBatch }>(
      '/hooks/events/:corpId',
      {
        config: { crossSite: true },
        schema: { tags, params: Type.Object({ corpId: Type.String({ minLength: 1, maxLength: 64 }) }), body: EventsBatchBody, response: { 200: EventsIngestResultSchema } },
      },
      async (req) =>
        events.ingestSigned(req.params.corpId, (req as unknown as RawRequest).rawBody ?? '', req.headers['x-siyu-signature'] as string | undefined, req.body.events),
    );
  });

  app.get('/api/api-keys', { config: admin, schema: { tags, response: { 200: ApiKeyListSchema } } }, async (req) => ({ items: await events.listKeys(requireAuth(req)) }));

  app.post<{ Body: ApiKeyCreate }>(
    '/api/api-keys',
    { config: admin, schema: { tags, body: ApiKeyCreateBody, response: { 201: CreatedApiKeySchema } } },
    async (req, reply) => reply.code(201).send(await events.createKey(requireAuth(req), req.body)),
  );

  app.delete<{ Params: { id: string } }>('/api/api-keys/:id', { config: admin, schema: { tags, params: ApiKeyIdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await events.revokeKey(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });

  app.get('/api/events/webhook', { config: admin, schema: { tags, response: { 200: WebhookInfoSchema } } }, async (req) => events.webhook(requireAuth(req), false));
  app.post('/api/events/webhook/rotate', { config: admin, schema: { tags, response: { 200: WebhookInfoSchema } } }, async (req) => events.webhook(requireAuth(req), true));

  app.post<{ Body: OrderImportRequest }>(
    '/api/orders/import',
    { config: { access: { permission: 'orders.import' } }, schema: { tags, body: OrderImportBody, response: { 200: OrderImportResultSchema } } },
    async (req) => events.importOrders(requireAuth(req), req.body),
  );
}
