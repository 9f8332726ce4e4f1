// HTTP of the audit log (GET /api/audit): validate with the contracts' schemas, dispatch.
import { AuditListSchema, AuditQuery, type AuditFilter } from '@siyu/contracts';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { AuditService } from './audit.service';

export function registerAuditRoutes(app: FastifyInstance, audit: AuditService) {
  app.get<{ Querystring: AuditFilter }>(
    '/api/audit',
    { config: { access: { permission: 'audit.read' } }, schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditListSchema } } },
    async (req) => audit.list(requireAuth(req), req.query),
  );
}
