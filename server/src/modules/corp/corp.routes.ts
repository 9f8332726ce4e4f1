import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { CorpInfoSchema } from '@siyu/contracts';
import { requireAuth } from '../../http/access';
import type { CorpService } from './corp.service';

export function registerCorpRoutes(app: FastifyInstance, corp: CorpService) {
  app.get('/api/corp', { config: { access: 'authenticated' }, schema: { tags: ['corp'], response: { 200: CorpInfoSchema } } }, async (req) => corp.get(requireAuth(req)));

  app.patch<{ Body: { name: string } }>(
    '/api/corp',
    {
      config: { access: { permission: 'corp.admin' } },
      schema: { tags: ['corp'], body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }), response: { 200: CorpInfoSchema } },
    },
    async (req) => corp.rename(requireAuth(req), req.body.name),
  );
}
