// HTTP for customer SOP: validate with the contracts' schemas and dispatch; nothing else.
import {
  SopDryRunSchema,
  SopEnrollmentListSchema,
  SopEnrollmentQuerySchema,
  SopFlowInputSchema,
  SopFlowListSchema,
  SopFlowSchema,
  SopFlowUpdateSchema,
  SopSettingsSchema,
  SopStatsSchema,
  SopTaskListSchema,
  SopTaskQuerySchema,
  SopTaskSchema,
  SopTemplateListSchema,
  SOP_TEMPLATE_KEYS,
  type SopEnrollmentQuery,
  type SopFlowInput,
  type SopFlowUpdate,
  type SopSettings,
  type SopTaskStatus,
  type SopTemplateKey,
} from '@siyu/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { SopService } from './sop.service';

const tags = ['sop'];
const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const read = { access: { permission: 'sop.read' as const } };
const write = { access: { permission: 'sop.write' as const } };
const ownTasks = { access: { permission: 'sop.tasks' as const } };
type Id = { Params: { id: string } };

export function registerSopRoutes(app: FastifyInstance, s: SopService) {
  app.get('/api/sop/flows', { config: read, schema: { tags, response: { 200: SopFlowListSchema } } }, async (req) => s.list(requireAuth(req)));
  app.post<{ Body: SopFlowInput }>('/api/sop/flows', { config: write, schema: { tags, body: SopFlowInputSchema, response: { 201: SopFlowSchema } } }, async (req, reply) =>
    reply.code(201).send(await s.create(requireAuth(req), req.body)),
  );
  app.get('/api/sop/templates', { config: read, schema: { tags, response: { 200: SopTemplateListSchema } } }, async () => s.templates());
  app.post<{ Body: { key: SopTemplateKey } }>(
    '/api/sop/flows/from-template',
    { config: write, schema: { tags, body: Type.Object({ key: Type.Union(SOP_TEMPLATE_KEYS.map((k) => Type.Literal(k))) }, { additionalProperties: false }), response: { 201: SopFlowSchema } } },
    async (req, reply) => reply.code(201).send(await s.createFromTemplate(requireAuth(req), req.body.key)),
  );
  app.get<Id>('/api/sop/flows/:id', { config: read, schema: { tags, params: idParams, response: { 200: SopFlowSchema } } }, async (req) => s.get(requireAuth(req), req.params.id));
  app.put<Id & { Body: SopFlowUpdate }>('/api/sop/flows/:id', { config: write, schema: { tags, params: idParams, body: SopFlowUpdateSchema, response: { 200: SopFlowSchema } } }, async (req) =>
    s.update(requireAuth(req), req.params.id, req.body),
  );
  for (const action of ['activate', 'pause', 'resume', 'archive'] as const) {
    app.post<Id>(`/api/sop/flows/:id/${action}`, { config: write, schema: { tags, params: idParams, response: { 200: SopFlowSchema } } }, async (req) => s[action](requireAuth(req), req.params.id));
  }
  app.get<Id>('/api/sop/flows/:id/stats', { config: read, schema: { tags, params: idParams, response: { 200: SopStatsSchema } } }, async (req) => s.stats(requireAuth(req), req.params.id));
  app.get<Id & { Querystring: SopEnrollmentQuery }>(
    '/api/sop/flows/:id/enrollments',
    { config: read, schema: { tags, params: idParams, querystring: SopEnrollmentQuerySchema, response: { 200: SopEnrollmentListSchema } } },
    async (req) => s.enrollments(requireAuth(req), req.params.id, req.query),
  );
  app.post<{ Params: { id: string; enrollmentId: string } }>(
    '/api/sop/flows/:id/enrollments/:enrollmentId/remove',
    {
      config: write,
      schema: { tags, params: Type.Object({ id: Type.String({ format: 'uuid' }), enrollmentId: Type.String({ format: 'uuid' }) }), response: { 200: Type.Object({ ok: Type.Literal(true) }) } },
    },
    async (req) => s.removeEnrollment(requireAuth(req), req.params.id, req.params.enrollmentId),
  );
  app.post<Id>('/api/sop/flows/:id/dry-run', { config: read, schema: { tags, params: idParams, response: { 200: SopDryRunSchema } } }, async (req) => s.dryRun(requireAuth(req), req.params.id));
  app.get('/api/sop/settings', { config: read, schema: { tags, response: { 200: SopSettingsSchema } } }, async (req) => s.settings(requireAuth(req)));
  app.put<{ Body: SopSettings }>('/api/sop/settings', { config: write, schema: { tags, body: SopSettingsSchema, response: { 200: SopSettingsSchema } } }, async (req) =>
    s.saveSettings(requireAuth(req), req.body),
  );
  app.get<{ Querystring: { status?: SopTaskStatus; customerId?: string } }>(
    '/api/sop/tasks',
    { config: read, schema: { tags, querystring: SopTaskQuerySchema, response: { 200: SopTaskListSchema } } },
    async (req) => s.tasks(requireAuth(req), req.query),
  );
  for (const [action, status] of [['done', 'done'], ['dismiss', 'dismissed']] as const) {
    app.post<Id>(`/api/sop/tasks/:id/${action}`, { config: ownTasks, schema: { tags, params: idParams, response: { 200: SopTaskSchema } } }, async (req) =>
      s.closeTask(requireAuth(req), req.params.id, status),
    );
  }
}
