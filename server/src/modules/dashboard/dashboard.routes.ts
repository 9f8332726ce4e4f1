import { DashboardSummarySchema } from '@siyu/contracts';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { DashboardService } from './dashboard.service';

export function registerDashboardRoutes(app: FastifyInstance, dashboard: DashboardService) {
  app.get('/api/dashboard/summary', { config: { access: 'authenticated' }, schema: { tags: ['dashboard'], response: { 200: DashboardSummarySchema } } }, async (req) =>
    dashboard.summary(requireAuth(req)),
  );
}
