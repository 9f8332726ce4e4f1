// HTTP of moments: validate with the contracts' schemas and dispatch to the service.
import {
  CreateMomentBody,
  MomentDetailSchema,
  MomentListQuery,
  MomentListSchema,
  MomentSchema,
  type CreateMomentBodyT,
  type MomentListQueryT,
} from '@siyu/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { MomentsService } from './moments.service';

const tags = ['moments'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const read = { access: { permission: 'moments.read' as const } };
const write = { access: { permission: 'moments.write' as const } };
type Id = { Params: { id: string } };

export function registerMomentsRoutes(app: FastifyInstance, moments: MomentsService) {
  app.get<{ Querystring: MomentListQueryT }>(
    '/api/moments',
    { config: read, schema: { tags, querystring: MomentListQuery, response: { 200: MomentListSchema } } },
    async (req) => moments.list(requireAuth(req), req.query),
  );

  app.post<{ Body: CreateMomentBodyT }>(
    '/api/moments',
    { config: write, schema: { tags, body: CreateMomentBody, response: { 201: MomentSchema } } },
    async (req, reply) => reply.code(201).send(await moments.create(requireAuth(req), req.body)),
  );

  app.get<Id>('/api/moments/:id', { config: read, schema: { tags, params: IdParams, response: { 200: MomentDetailSchema } } }, async (req) =>
    moments.get(requireAuth(req), req.params.id),
  );

  app.post<Id>(
    '/api/moments/:id/sync',
    { config: write, schema: { tags, params: IdParams, response: { 202: Type.Object({ queued: Type.Boolean() }) } } },
    async (req, reply) => reply.code(202).send(await moments.requestSync(requireAuth(req), req.params.id)),
  );

  app.post<Id>('/api/moments/:id/cancel', { config: write, schema: { tags, params: IdParams, response: { 200: MomentSchema } } }, async (req) =>
    moments.cancel(requireAuth(req), req.params.id),
  );
}
