// HTTP for invitations: admins invite (POST /api/users), list, re-link and revoke; the invitee opens the link
// (public, by token) or, signed in, sees and answers their own invitations.
import {
  AcceptInvitationBody,
  InvitationBody,
  InvitationTokenParams as TokenParams,
  UserIdParams as IdParams,
  type AcceptInvitation,
  type NewInvitation,
  InvitationAcceptedSchema,
  InvitationLinkSchema,
  InvitationSentSchema,
  InvitationViewListSchema,
  InvitationViewSchema,
  LoginResultSchema,
  NoContent,
  PendingInvitationListSchema,
} from '@siyu/contracts';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import { setSessionCookie } from '../auth';
import type { InvitationsService } from './invitations.service';

const signedIn = { access: 'authenticated' as const };
const open = { access: 'public' as const };

export function registerInvitationsRoutes(app: FastifyInstance, invitations: InvitationsService, cookie: { secureCookies: boolean; ttlHours: number }) {
  app.post<{ Body: NewInvitation }>(
    '/api/users',
    {
      config: { access: { permission: 'users.admin' } },
      schema: {
        tags: ['users'],
        summary: 'Invite a user to this corp (they accept with the link)',
        body: InvitationBody,
        response: { 201: InvitationSentSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await invitations.invite(requireAuth(req), req.body)),
  );

  app.get('/api/invitations', { config: { access: { permission: 'users.admin' } }, schema: { tags: ['users'], response: { 200: PendingInvitationListSchema } } }, async (req) => ({ items: await invitations.list(requireAuth(req)) }));

  app.post<{ Params: { id: string } }>('/api/invitations/:id/link', { config: { access: { permission: 'users.admin' } }, schema: { tags: ['users'], params: IdParams, response: { 200: InvitationLinkSchema } } }, async (req) =>
    invitations.relink(requireAuth(req), req.params.id),
  );

  app.delete<{ Params: { id: string } }>('/api/invitations/:id', { config: { access: { permission: 'users.admin' } }, schema: { tags: ['users'], params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await invitations.revoke(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });

  app.get<{ Params: { token: string } }>('/api/invitations/:token', { config: open, schema: { tags: ['users'], params: TokenParams, response: { 200: InvitationViewSchema } } }, async (req) =>
    invitations.preview(req.params.token),
  );

  app.post<{ Params: { token: string }; Body: AcceptInvitation }>(
    '/api/invitations/:token/accept',
    {
      config: open, // counted by the login limiter inside the service
      schema: {
        tags: ['users'],
        params: TokenParams,
        body: AcceptInvitationBody,
        response: { 200: LoginResultSchema },
      },
    },
    async (req, reply) => {
      const { token, me } = await invitations.acceptByToken(req.params.token, req.body, req.ip);
      setSessionCookie(reply, token, cookie);
      return { user: me.user, corp: me.corp };
    },
  );

  app.post<{ Params: { token: string } }>('/api/invitations/:token/decline', { config: open, schema: { tags: ['users'], params: TokenParams, response: { 204: NoContent } } }, async (req, reply) => {
    await invitations.declineByToken(req.params.token);
    return reply.code(204).send();
  });

  app.get('/api/auth/invitations', { config: signedIn, schema: { tags: ['auth'], response: { 200: InvitationViewListSchema } } }, async (req) => ({ items: await invitations.mine(requireAuth(req)) }));

  app.post<{ Params: { id: string } }>('/api/auth/invitations/:id/accept', { config: signedIn, schema: { tags: ['auth'], params: IdParams, response: { 200: InvitationAcceptedSchema } } }, async (req) =>
    invitations.acceptMine(requireAuth(req), req.params.id),
  );

  app.post<{ Params: { id: string } }>('/api/auth/invitations/:id/decline', { config: signedIn, schema: { tags: ['auth'], params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await invitations.declineMine(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });
}
