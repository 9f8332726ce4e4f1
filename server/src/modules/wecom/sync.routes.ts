import { SyncRunListSchema, SyncRunSchema, WecomStatusSchema } from '@siyu/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { WecomService } from './wecom.service';

export function registerSyncRoutes(app: FastifyInstance, wecom: WecomService) {
  app.post('/api/wecom/sync', { config: { access: { permission: 'wecom.admin' } }, schema: { tags: ['wecom'], response: { 202: SyncRunSchema } } }, async (req, reply) => {
    const { run } = await wecom.start(requireAuth(req), 'full');
    return reply.code(202).send(run);
  });

  app.post('/api/wecom/reconcile', { config: { access: { permission: 'wecom.admin' } }, schema: { tags: ['wecom'], response: { 202: SyncRunSchema } } }, async (req, reply) => {
    const { run } = await wecom.start(requireAuth(req), 'reconcile');
    return reply.code(202).send(run);
  });

  app.get<{ Querystring: { limit: number } }>(
    '/api/wecom/sync',
    {
      config: { access: { permission: 'wecom.read' } },
      schema: {
        tags: ['wecom'],
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }, { additionalProperties: false }),
        response: { 200: SyncRunListSchema },
      },
    },
    async (req) => wecom.listRuns(requireAuth(req), req.query.limit),
  );

  // The console banner: features disabled by WeCom (48009/48002), inbox backlog, recent runs.
  app.get('/api/wecom/status', { config: { access: 'authenticated' }, schema: { tags: ['wecom'], response: { 200: WecomStatusSchema } } }, async (req) =>
    wecom.status(requireAuth(req)),
  );
}
