import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { requireAuth } from '../../http/access';
import { DomainError } from '../../http/errors';
import { findStaff, listStaff } from './staff.repo';

const managers = { access: ['admin', 'operator', 'analyst'] as const };

export function registerStaffRoutes(app: FastifyInstance, { db }: AppContext) {
  app.get<{ Querystring: { q?: string; page: number; pageSize: number } }>(
    '/api/staff',
    {
      config: managers,
      schema: {
        tags: ['staff'],
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100 })),
            page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      return withCorp(db, auth.corpId, (tx) => listStaff(tx, auth.corpId, req.query));
    },
  );

  app.get<{ Params: { userid: string } }>(
    '/api/staff/:userid',
    { config: managers, schema: { tags: ['staff'], params: Type.Object({ userid: Type.String({ minLength: 1, maxLength: 64 }) }) } },
    async (req) => {
      const auth = requireAuth(req);
      const staff = await withCorp(db, auth.corpId, (tx) => findStaff(tx, auth.corpId, req.params.userid));
      if (!staff) throw new DomainError('not_found');
      return staff;
    },
  );
}
