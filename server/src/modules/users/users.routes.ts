// HTTP of a corp's users (adding one is an invitation: modules/invitations): validate with the contracts' schemas, dispatch.
import { CorpUserListSchema, CorpUserSchema, NoContent, UpdateUserBody, UserIdParams as IdParams, type UpdateUser } from '@siyu/contracts';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { UsersService } from './users.service';


export function registerUsersRoutes(app: FastifyInstance, users: UsersService) {
  app.get('/api/users', { config: { access: { permission: 'users.admin' } }, schema: { tags: ['users'], response: { 200: CorpUserListSchema } } }, async (req) => ({ items: await users.list(requireAuth(req)) }));

  // POST /api/users (adding a user) is an invitation: see modules/invitations.

  app.patch<{ Params: { id: string }; Body: UpdateUser }>(
    '/api/users/:id',
    {
      config: { access: { permission: 'users.admin' } },
      schema: {
        tags: ['users'],
        params: IdParams,
        body: UpdateUserBody,
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
