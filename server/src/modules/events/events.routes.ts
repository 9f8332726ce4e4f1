import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import { API_SCOPES } from './api-keys.repo';
import type { EventsService } from './events.service';


const Batch = Type.Object(
  { events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);

type RawRequest = { rawBody?: string };

export function registerEventsRoutes(app: FastifyInstance, events: EventsService) {
  // Authenticated by API key in the service (not by session): access 'public' at the HTTP layer.
  app.post<{ Body: { events: unknown[] } }>(
    '/api/events',
    { config: { access: 'public', crossSite: true }, schema: { tags: ['events'], body: Batch } },
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
    scope.post<{ Params: { corpId: string }; Body: { events: unknown[] } }>(
      '/hooks/events/:corpId',
      { config: { crossSite: true }, schema: { tags: ['events'], params: Type.Object({ corpId: Type.String({ minLength: 1, maxLength: 64 }) }), body: Batch } },
      async (req) =>
        events.ingestSigned(req.params.corpId, (req as unknown as RawRequest).rawBody ?? '', req.headers['x-siyu-signature'] as string | undefined, req.body.events),
    );
  });

  app.get('/api/api-keys', { config: { access: { permission: 'integrations.admin' } }, schema: { tags: ['events'] } }, async (req) => ({ items: await events.listKeys(requireAuth(req)) }));

  app.post<{ Body: { name: string; scopes: string[] } }>(
    '/api/api-keys',
    {
      config: { access: { permission: 'integrations.admin' } },
      schema: {
        tags: ['events'],
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 60 }),
            scopes: Type.Array(Type.Union(API_SCOPES.map((s) => Type.Literal(s))), { minItems: 1, maxItems: 10 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.code(201).send(await events.createKey(requireAuth(req), req.body)),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/api-keys/:id',
    { config: { access: { permission: 'integrations.admin' } }, schema: { tags: ['events'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    async (req, reply) => {
      await events.revokeKey(requireAuth(req), req.params.id);
      return reply.code(204).send();
    },
  );

  app.get('/api/events/webhook', { config: { access: { permission: 'integrations.admin' } }, schema: { tags: ['events'] } }, async (req) => events.webhook(requireAuth(req), false));
  app.post('/api/events/webhook/rotate', { config: { access: { permission: 'integrations.admin' } }, schema: { tags: ['events'] } }, async (req) => events.webhook(requireAuth(req), true));

  app.post<{ Body: { format: 'csv' | 'xlsx'; content: string } }>(
    '/api/orders/import',
    {
      config: { access: { permission: 'orders.import' } },
      schema: {
        tags: ['events'],
        body: Type.Object(
          { format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]), content: Type.String({ minLength: 1, maxLength: 1_000_000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => events.importOrders(requireAuth(req), req.body),
  );
}
