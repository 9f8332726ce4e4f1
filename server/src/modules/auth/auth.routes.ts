// HTTP of signing in and out, the signed-in user and first-run setup: validate with the contracts' schemas, dispatch.
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE, requireAuth } from '../../http/access';
import {
  ChangePasswordBody,
  LoginBody,
  LoginResultSchema,
  MeSchema,
  NoContent,
  ROLE_PERMISSIONS,
  SetupBody,
  SetupCreatedSchema,
  SetupStatusSchema,
  SwitchCorpBody,
  type ChangePasswordInput,
  type LoginInput,
  type Role,
  type SetupInput,
  type SwitchCorpInput,
} from '@siyu/contracts';
import { setSessionCookie } from './session-cookie';
import type { AuthService } from './auth.service';

export function registerAuthRoutes(app: FastifyInstance, auth: AuthService, opts: { secureCookies: boolean; ttlHours: number; modules: () => string[] }) {
  const withModules = <T extends { user: { role: Role } }>(me: T) => ({ ...me, modules: opts.modules(), permissions: [...ROLE_PERMISSIONS[me.user.role]] });

  app.post<{ Body: LoginInput }>(
    '/api/auth/login',
    {
      config: { access: 'public' }, // limited per account and per address by the auth service's login limiter
      schema: {
        tags: ['auth'],
        body: LoginBody,
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

  app.post<{ Body: ChangePasswordInput }>(
    '/api/auth/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        body: ChangePasswordBody,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await auth.changePassword(requireAuth(req), req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send();
    },
  );

  app.post<{ Body: SwitchCorpInput }>(
    '/api/auth/switch-corp',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], body: SwitchCorpBody, response: { 200: MeSchema } },
    },
    async (req) => withModules(await auth.switchCorp(requireAuth(req), req.body.corpId)),
  );

  app.get('/api/setup', { config: { access: 'public' }, schema: { tags: ['auth'], response: { 200: SetupStatusSchema } } }, async () => ({ needsSetup: await auth.needsSetup() }));

  app.post<{ Body: SetupInput }>(
    '/api/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        body: SetupBody,
        response: { 201: SetupCreatedSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await auth.setup(req.body)),
  );
}
