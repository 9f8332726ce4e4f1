// HTTP for mass messages: validate with the contracts' schemas and dispatch; nothing else.
import {
  BroadcastCreatedSchema,
  BroadcastDetailSchema,
  BroadcastListSchema,
  BroadcastOutcomeSchema,
  BroadcastPreviewSchema,
  BroadcastRecipientPageSchema,
  BroadcastSettingsSchema,
  CreateBroadcastSchema,
  OptOutSchema,
  PreviewBroadcastSchema,
  RecipientQuerySchema,
  UpdateBroadcastSettingsSchema,
  type CapPeriod,
  type CreateBroadcast,
  type OptOut,
  type PreviewBroadcast,
  type RecipientQuery,
} from '@siyu/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { BroadcastsService } from './broadcasts.service';

const tags = ['broadcasts'];
const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const read = { access: { permission: 'broadcasts.read' as const } };
const write = { access: { permission: 'broadcasts.write' as const } };
type Id = { Params: { id: string } };

export function registerBroadcastsRoutes(app: FastifyInstance, s: BroadcastsService) {
  app.get('/api/broadcasts', { config: read, schema: { tags, response: { 200: BroadcastListSchema } } }, async (req) => s.list(requireAuth(req)));
  app.post<{ Body: PreviewBroadcast }>('/api/broadcasts/preview', { config: write, schema: { tags, body: PreviewBroadcastSchema, response: { 200: BroadcastPreviewSchema } } }, async (req) =>
    s.preview(requireAuth(req), req.body),
  );
  app.post<{ Body: CreateBroadcast }>('/api/broadcasts', { config: write, schema: { tags, body: CreateBroadcastSchema, response: { 201: BroadcastCreatedSchema } } }, async (req, reply) =>
    reply.code(201).send(await s.create(requireAuth(req), req.body)),
  );
  app.get('/api/broadcasts/settings', { config: read, schema: { tags, response: { 200: BroadcastSettingsSchema } } }, async (req) => s.settings(requireAuth(req)));
  app.put<{ Body: { capPeriod: CapPeriod } }>('/api/broadcasts/settings', { config: write, schema: { tags, body: UpdateBroadcastSettingsSchema, response: { 200: BroadcastSettingsSchema } } }, async (req) =>
    s.saveSettings(requireAuth(req), req.body.capPeriod),
  );
  app.post<{ Body: OptOut }>('/api/broadcasts/opt-outs', { config: write, schema: { tags, body: OptOutSchema, response: { 200: Type.Object({ changed: Type.Integer() }) } } }, async (req) =>
    s.optOut(requireAuth(req), req.body),
  );
  app.get<Id>('/api/broadcasts/:id', { config: read, schema: { tags, params: idParams, response: { 200: BroadcastDetailSchema } } }, async (req) => s.detail(requireAuth(req), req.params.id));
  app.get<Id & { Querystring: RecipientQuery }>(
    '/api/broadcasts/:id/recipients',
    { config: read, schema: { tags, params: idParams, querystring: RecipientQuerySchema, response: { 200: BroadcastRecipientPageSchema } } },
    async (req) => s.recipients(requireAuth(req), req.params.id, req.query),
  );
  app.get<Id>('/api/broadcasts/:id/outcome', { config: read, schema: { tags, params: idParams, response: { 200: BroadcastOutcomeSchema } } }, async (req) => s.outcome(requireAuth(req), req.params.id));
  app.post<Id>('/api/broadcasts/:id/remind', { config: write, schema: { tags, params: idParams, response: { 200: Type.Object({ reminded: Type.Integer(), appMessage: Type.Boolean() }) } } }, async (req) =>
    s.remind(requireAuth(req), req.params.id),
  );
  app.post<Id>('/api/broadcasts/:id/cancel', { config: write, schema: { tags, params: idParams, response: { 200: Type.Object({ cancelled: Type.Integer() }) } } }, async (req) =>
    s.cancel(requireAuth(req), req.params.id),
  );
  app.post<Id>('/api/broadcasts/:id/resume', { config: write, schema: { tags, params: idParams, response: { 200: Type.Object({ resumed: Type.Boolean() }) } } }, async (req) =>
    s.resume(requireAuth(req), req.params.id),
  );
  app.post<Id>('/api/broadcasts/:id/refresh', { config: write, schema: { tags, params: idParams, response: { 200: Type.Object({ queued: Type.Boolean() }) } } }, async (req) =>
    s.refresh(requireAuth(req), req.params.id),
  );
}
