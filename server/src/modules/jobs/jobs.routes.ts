import { JobRetriedSchema, JobsOverviewSchema } from '@siyu/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { requireAuth } from '../../http/access';
import { DomainError } from '../../http/errors';

export function registerJobsRoutes(app: FastifyInstance, { queue }: AppContext) {
  app.get('/api/jobs', { config: { access: { permission: 'jobs.admin' } }, schema: { tags: ['jobs'], response: { 200: JobsOverviewSchema } } }, async (req) => {
    const auth = requireAuth(req);
    return { queues: await queue.sizes(), dead: await queue.deadJobs(auth.corpId) };
  });

  app.post<{ Params: { id: string } }>(
    '/api/jobs/dead/:id/retry',
    { config: { access: { permission: 'jobs.admin' } }, schema: { tags: ['jobs'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 202: JobRetriedSchema } } },
    async (req, reply) => {
      if (!(await queue.retryDead(requireAuth(req).corpId, req.params.id))) throw new DomainError('not_found');
      return reply.code(202).send({ retried: true });
    },
  );
}
