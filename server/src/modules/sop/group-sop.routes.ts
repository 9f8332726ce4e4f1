// HTTP for group SOP plans (/api/group-sop…): validate with the contracts' schemas and dispatch; nothing else.
import {
  GroupSopPlanInputSchema,
  GroupSopPlanListSchema,
  GroupSopPlanSchema,
  GroupSopRunListSchema,
  GroupSopRunQuerySchema,
  type GroupSopPlanInput,
  type GroupSopRunQuery,
} from '@siyu/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { GroupSopService } from './group-sop.service';

const tags = ['group-sop'];
const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const read = { access: { permission: 'sop.read' as const } };
const write = { access: { permission: 'sop.write' as const } };
type Id = { Params: { id: string } };

export function registerGroupSopRoutes(app: FastifyInstance, s: GroupSopService) {
  app.get('/api/group-sop/plans', { config: read, schema: { tags, response: { 200: GroupSopPlanListSchema } } }, async (req) => s.list(requireAuth(req)));
  app.post<{ Body: GroupSopPlanInput }>('/api/group-sop/plans', { config: write, schema: { tags, body: GroupSopPlanInputSchema, response: { 201: GroupSopPlanSchema } } }, async (req, reply) =>
    reply.code(201).send(await s.create(requireAuth(req), req.body)),
  );
  app.get<Id>('/api/group-sop/plans/:id', { config: read, schema: { tags, params: idParams, response: { 200: GroupSopPlanSchema } } }, async (req) => s.get(requireAuth(req), req.params.id));
  app.put<Id & { Body: GroupSopPlanInput }>('/api/group-sop/plans/:id', { config: write, schema: { tags, params: idParams, body: GroupSopPlanInputSchema, response: { 200: GroupSopPlanSchema } } }, async (req) =>
    s.update(requireAuth(req), req.params.id, req.body),
  );
  for (const action of ['pause', 'resume', 'archive'] as const) {
    app.post<Id>(`/api/group-sop/plans/:id/${action}`, { config: write, schema: { tags, params: idParams, response: { 200: GroupSopPlanSchema } } }, async (req) =>
      s[action](requireAuth(req), req.params.id),
    );
  }
  app.get<Id & { Querystring: GroupSopRunQuery }>(
    '/api/group-sop/plans/:id/runs',
    { config: read, schema: { tags, params: idParams, querystring: GroupSopRunQuerySchema, response: { 200: GroupSopRunListSchema } } },
    async (req) => s.runs(requireAuth(req), req.params.id, req.query),
  );
}
