import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE, requireAuth } from '../../http/access';
import { LoginResultSchema, MeSchema, NoContent, ROLE_PERMISSIONS, SetupCreatedSchema, SetupStatusSchema, type Role } from '@siyu/contracts';
import { setSessionCookie } from './session-cookie';
import type { AuthService } from './auth.service';

const Email = Type.String({ format: 'email', maxLength: 200 });
const Password = Type.String({ minLength: 1, maxLength: 200 });

export function registerAuthRoutes(app: FastifyInstance, auth: AuthService, opts: { secureCookies: boolean; ttlHours: number; modules: () => string[] }) {
  const withModules = <T extends { user: { role: Role } }>(me: T) => ({ ...me, modules: opts.modules(), permissions: [...ROLE_PERMISSIONS[me.user.role]] });

  app.post<{ Body: { email: string; password: string } }>(
    '/api/auth/login',
    {
      config: { access: 'public' }, // limited per account and per address by the auth service's login limiter
      schema: {
        tags: ['auth'],
        body: Type.Object({ email: Email, password: Password }, { additionalProperties: false }),
        response: { 200: LoginResultSchema },
      },
    },
    async (req, reply) => {
      const { token, me } = await auth.login(req.body.email, req.body.password, req.ip);
      setSessionCookie(reply, token, opts);
      return { user: me.user, corp: me.corp };
    },
  );

  app.get('/api/auth/me', { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: MeSchema } } }, async (req) => {
    const a = requireAuth(req);
    return withModules(await auth.me(a.userId, a.corpId));
  });

  app.post('/api/auth/logout', { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 204: NoContent } } }, async (req, reply) => {
    await auth.logout(requireAuth(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/api/auth/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        body: Type.Object({ currentPassword: Password, newPassword: Type.String({ minLength: 8, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await auth.changePassword(requireAuth(req), req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send();
    },
  );

  app.post<{ Body: { corpId: string } }>(
    '/api/auth/switch-corp',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], body: Type.Object({ corpId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }), response: { 200: MeSchema } },
    },
    async (req) => withModules(await auth.switchCorp(requireAuth(req), req.body.corpId)),
  );

  app.get('/api/setup', { config: { access: 'public' }, schema: { tags: ['auth'], response: { 200: SetupStatusSchema } } }, async () => ({ needsSetup: await auth.needsSetup() }));

  app.post<{ Body: { corpName: string; email: string; name: string; password: string } }>(
    '/api/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { corpName: Type.String({ minLength: 1, maxLength: 100 }), email: Email, name: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 8, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 201: SetupCreatedSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await auth.setup(req.body)),
  );
}
