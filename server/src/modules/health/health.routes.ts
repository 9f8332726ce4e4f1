import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';

// /metrics is registered by http/metrics-endpoint.ts (who may read it is decided there).
export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext, isReady: () => boolean) {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    if (!isReady()) return reply.code(503).send({ status: 'starting' });
    try {
      await ctx.database.ownerSql('SELECT 1');
      return { status: 'ready', database: ctx.database.kind };
    } catch {
      return reply.code(503).send({ status: 'database_unavailable' });
    }
  });
}
