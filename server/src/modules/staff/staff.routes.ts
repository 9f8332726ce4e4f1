import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { StaffMemberSchema, StaffPageSchema } from '@siyu/contracts';
import { requireAuth } from '../../http/access';
import type { StaffService } from './staff.service';
import { PageNumber, pageSize } from '../../http/paging';


export function registerStaffRoutes(app: FastifyInstance, staff: StaffService) {
  app.get<{ Querystring: { q?: string; page: number; pageSize: number } }>(
    '/api/staff',
    {
      config: { access: { permission: 'staff.read' } },
      schema: {
        tags: ['staff'],
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100 })),
            page: PageNumber,
            pageSize: pageSize(500, 50),
          },
          { additionalProperties: false },
        ),
        response: { 200: StaffPageSchema },
      },
    },
    async (req) => staff.list(requireAuth(req), req.query),
  );

  app.get<{ Params: { userid: string } }>(
    '/api/staff/:userid',
    { config: { access: { permission: 'staff.read' } }, schema: { tags: ['staff'], params: Type.Object({ userid: Type.String({ minLength: 1, maxLength: 64 }) }), response: { 200: StaffMemberSchema } } },
    async (req) => staff.get(requireAuth(req), req.params.userid),
  );
}
