import { CorpUserListSchema, CorpUserSchema, NoContent, RoleSchema } from '@siyu/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { Role } from '../../db/schema';
import type { UsersService } from './users.service';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function registerUsersRoutes(app: FastifyInstance, users: UsersService) {
  app.get('/api/users', { config: { access: { permission: 'users.admin' } }, schema: { tags: ['users'], response: { 200: CorpUserListSchema } } }, async (req) => ({ items: await users.list(requireAuth(req)) }));

  // POST /api/users (adding a user) is an invitation: see modules/invitations.

  app.patch<{ Params: { id: string }; Body: { role?: Role; staffUserid?: string | null } }>(
    '/api/users/:id',
    {
      config: { access: { permission: 'users.admin' } },
      schema: {
        tags: ['users'],
        params: IdParams,
        body: Type.Object(
          { role: Type.Optional(RoleSchema), staffUserid: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: CorpUserSchema },
      },
    },
    async (req) => users.update(requireAuth(req), req.params.id, req.body),
  );

  app.delete<{ Params: { id: string } }>('/api/users/:id', { config: { access: { permission: 'users.admin' } }, schema: { tags: ['users'], params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await users.remove(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });
}
