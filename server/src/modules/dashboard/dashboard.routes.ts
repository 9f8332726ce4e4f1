import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { requireAuth } from '../../http/access';
import { summary } from './dashboard.repo';

export function registerDashboardRoutes(app: FastifyInstance, { db }: AppContext) {
  app.get('/api/dashboard/summary', { config: { access: 'authenticated' }, schema: { tags: ['dashboard'] } }, async (req) => {
    const auth = requireAuth(req);
    return withCorp(db, auth.corpId, (tx) => summary(tx, auth.corpId, 30));
  });
}
