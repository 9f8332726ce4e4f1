// HTTP of the sidebar (/api/sidebar…). The OAuth start and return are public; everything else runs in a scope whose
// hook requires the sidebar's own session cookie (the console's session is neither needed nor accepted), so these
// routes declare 'public' to the console's access table and are walled by that hook instead.
import { Type } from '@sinclair/typebox';
import {
  CreatedNoteSchema,
  NoContent,
  SidebarStageOptionsSchema,
  StageMovedSchema,
  TaggedCustomerSchema,
  SidebarCustomerSchema,
  SidebarFirstScreenQuery,
  SidebarFirstScreenSchema,
  SidebarGroupSchema,
  SidebarGroupSopDoneBody,
  SidebarGroupSopQuery,
  SidebarGroupSopSchema,
  type SidebarGroupSopDone,
  SidebarLibraryQuery,
  SidebarLibrarySchema,
  SidebarMeSchema,
  SidebarMessageSchema,
  SidebarNoteBody,
  SidebarStageBody,
  SidebarTagBody,
  SidebarTagOptionsSchema,
  SidebarTimelineItemSchema,
  SidebarTimelineQuery,
  SidebarUseBody,
  SignatureSchema,
} from '@siyu/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context';
import { DomainError } from '../../http/errors';
import type { createCustomerView } from './customer-view';
import type { SidebarFirstScreenService } from './sidebar-first-screen';
import type { SidebarGroupSopService } from './sidebar-group-sop';
import { requireSidebarSession, setSidebarCookie, sidebarOf } from './sidebar-auth';
import type { SidebarLibraryService } from './sidebar-library';
import { originOf, ownPage, type SidebarStartService } from './sidebar-start';
import type { SidebarService } from './sidebar.service';
import type { SidebarWecom } from './sidebar-wecom';
import { OAUTH_STATE_COOKIE, sidebarPath, type SignIn } from './sign-in-staff';

export type SidebarRouteDeps = {
  ctx: AppContext;
  signIn: SignIn;
  wecom: SidebarWecom;
  service: SidebarService;
  customers: ReturnType<typeof createCustomerView>;
  firstScreen: SidebarFirstScreenService;
  library: SidebarLibraryService;
  groupSop: SidebarGroupSopService;
  start: SidebarStartService;
};

const pub = { access: 'public' as const };
const Corp = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Target = { customerId: Type.Optional(Type.String({ format: 'uuid' })), chatId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) };

export function registerSidebarRoutes(app: FastifyInstance, d: SidebarRouteDeps) {
  const { ctx } = d;
  app.get<{ Querystring: { corp: string } }>(
    '/api/sidebar/oauth',
    { config: pub, schema: { tags: ['sidebar'], querystring: Type.Object({ corp: Corp }, { additionalProperties: false }) } },
    async (req, reply) => {
      try {
        const { url, nonce } = await d.signIn.start(req.query.corp, originOf(ctx, req));
        reply.setCookie(OAUTH_STATE_COOKIE, nonce, { path: '/api/sidebar/oauth', httpOnly: true, sameSite: 'lax', maxAge: 600, secure: ctx.config.publicUrl?.startsWith('https://') ?? false });
        return reply.redirect(url);
      } catch (err) {
        if (err instanceof DomainError) return reply.redirect(`${sidebarPath(req.query.corp)}&error=${err.code}`);
        throw err;
      }
    },
  );

  app.get<{ Querystring: { code: string; state: string } }>(
    '/api/sidebar/oauth/callback',
    {
      config: pub,
      schema: { tags: ['sidebar'], querystring: Type.Object({ code: Type.String({ minLength: 1, maxLength: 512 }), state: Type.String({ minLength: 3, maxLength: 200 }) }) },
    },
    async (req, reply) => {
      const dot = req.query.state.lastIndexOf('.');
      const corpId = dot > 0 ? req.query.state.slice(0, dot) : '';
      const nonce = req.query.state.slice(dot + 1);
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(corpId)) throw new DomainError('sidebar_oauth_state_invalid');
      const back = sidebarPath(corpId);
      if (!nonce || req.cookies[OAUTH_STATE_COOKIE] !== nonce) return reply.redirect(`${back}&error=sidebar_oauth_state_invalid`);
      reply.clearCookie(OAUTH_STATE_COOKIE, { path: '/api/sidebar/oauth' });
      try {
        const { token } = await d.signIn.finish(corpId, req.query.code);
        setSidebarCookie(reply, ctx, corpId, token);
        return reply.redirect(back);
      } catch (err) {
        if (err instanceof DomainError) return reply.redirect(`${back}&error=${err.code}`);
        throw err;
      }
    },
  );

  app.register(async (scope) => {
    requireSidebarSession(scope, ctx);

    const UrlQuery = Type.Object({ url: Type.String({ minLength: 8, maxLength: 2000 }) }, { additionalProperties: false });
    const Signatures = Type.Object({ corp: SignatureSchema, agent: SignatureSchema });

    scope.get('/api/sidebar/me', { config: pub, schema: { tags: ['sidebar'], response: { 200: SidebarMeSchema } } }, async (req) => d.start.me(sidebarOf(req)));

    /** The first call of the page: who is looking and the signatures of the page, in one round trip. */
    scope.get<{ Querystring: { url: string } }>(
      '/api/sidebar/start',
      { config: pub, schema: { tags: ['sidebar'], querystring: UrlQuery, response: { 200: Type.Object({ me: SidebarMeSchema, signatures: Signatures }) } } },
      async (req) => d.start.start(sidebarOf(req), ownPage(ctx, req, req.query.url)),
    );

    scope.get<{ Querystring: { url: string } }>(
      '/api/sidebar/signatures',
      { config: pub, schema: { tags: ['sidebar'], querystring: UrlQuery, response: { 200: Signatures } } },
      async (req) => d.wecom.sign(await d.wecom.app(sidebarOf(req).corpId), ownPage(ctx, req, req.query.url)),
    );

    scope.get<{ Querystring: { externalUserid: string } }>(
      '/api/sidebar/customer',
      {
        config: pub,
        schema: { tags: ['sidebar'], querystring: Type.Object({ externalUserid: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }), response: { 200: SidebarCustomerSchema } },
      },
      async (req) => d.customers.byExternal(sidebarOf(req), req.query.externalUserid),
    );

    /** The customer the page opens on, with its first screen rendered by the server (the same scope as /customer). */
    scope.get<{ Querystring: { externalUserid: string; lang?: 'zh-CN' | 'en-US'; tz?: string } }>(
      '/api/sidebar/first-screen',
      { config: pub, schema: { tags: ['sidebar'], querystring: SidebarFirstScreenQuery, response: { 200: SidebarFirstScreenSchema } } },
      async (req) => d.firstScreen.firstScreen(sidebarOf(req), req.query, req.log),
    );

    scope.get<{ Params: { id: string } }>('/api/sidebar/customers/:id', { config: pub, schema: { tags: ['sidebar'], params: IdParams, response: { 200: SidebarCustomerSchema } } }, async (req) =>
      d.customers.byId(sidebarOf(req), req.params.id),
    );

    scope.get<{ Params: { id: string }; Querystring: { types?: string } }>(
      '/api/sidebar/customers/:id/timeline',
      {
        config: pub,
        schema: { tags: ['sidebar'], params: IdParams, querystring: SidebarTimelineQuery, response: { 200: Type.Object({ items: Type.Array(SidebarTimelineItemSchema), types: Type.Array(Type.String()) }) } },
      },
      async (req) => d.service.timeline(sidebarOf(req), req.params.id, req.query.types),
    );

    scope.post<{ Params: { id: string }; Body: { add: string[]; remove: string[] } }>(
      '/api/sidebar/customers/:id/tags',
      { config: pub, schema: { tags: ['sidebar'], params: IdParams, body: SidebarTagBody, response: { 200: TaggedCustomerSchema } } },
      async (req) => d.service.tag(sidebarOf(req), req.params.id, req.body.add, req.body.remove),
    );

    scope.post<{ Params: { id: string }; Body: { pipelineId: string; stageId: string } }>(
      '/api/sidebar/customers/:id/stage',
      { config: pub, schema: { tags: ['sidebar'], params: IdParams, body: SidebarStageBody, response: { 200: StageMovedSchema } } },
      async (req) => d.service.moveStage(sidebarOf(req), req.params.id, req.body.pipelineId, req.body.stageId),
    );

    scope.post<{ Params: { id: string }; Body: { content: string } }>(
      '/api/sidebar/customers/:id/notes',
      { config: pub, schema: { tags: ['sidebar'], params: IdParams, body: SidebarNoteBody, response: { 201: CreatedNoteSchema } } },
      async (req, reply) => reply.code(201).send(await d.service.addNote(sidebarOf(req), req.params.id, req.body.content)),
    );

    scope.post<{ Params: { id: string } }>('/api/sidebar/tasks/:id/done', { config: pub, schema: { tags: ['sidebar'], params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
      await d.service.taskDone(sidebarOf(req), req.params.id);
      return reply.code(204).send();
    });

    scope.get('/api/sidebar/tag-options', { config: pub, schema: { tags: ['sidebar'], response: { 200: SidebarTagOptionsSchema } } }, async (req) => d.service.tagOptions(sidebarOf(req)));

    scope.get('/api/sidebar/stage-options', { config: pub, schema: { tags: ['sidebar'], response: { 200: SidebarStageOptionsSchema } } }, async (req) => d.service.stageOptions(sidebarOf(req)));

    scope.get<{ Querystring: { chatId: string } }>(
      '/api/sidebar/group',
      { config: pub, schema: { tags: ['sidebar'], querystring: Type.Object({ chatId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }), response: { 200: SidebarGroupSchema } } },
      async (req) => d.service.group(sidebarOf(req), req.query.chatId),
    );

    scope.get<{ Querystring: { chatId: string } }>(
      '/api/sidebar/group-sop',
      { config: pub, schema: { tags: ['sidebar'], querystring: SidebarGroupSopQuery, response: { 200: SidebarGroupSopSchema } } },
      async (req) => d.groupSop.today(sidebarOf(req), req.query.chatId),
    );

    scope.post<{ Body: SidebarGroupSopDone }>('/api/sidebar/group-sop/done', { config: pub, schema: { tags: ['sidebar'], body: SidebarGroupSopDoneBody, response: { 204: NoContent } } }, async (req, reply) => {
      await d.groupSop.done(sidebarOf(req), req.body);
      return reply.code(204).send();
    });

    scope.get<{ Querystring: { customerId?: string; chatId?: string; q?: string } }>(
      '/api/sidebar/library',
      { config: pub, schema: { tags: ['sidebar'], querystring: SidebarLibraryQuery, response: { 200: SidebarLibrarySchema } } },
      async (req) => d.library.list(sidebarOf(req), req.query),
    );

    scope.post<{ Body: { kind: 'script' | 'material'; id: string; customerId?: string; chatId?: string } }>(
      '/api/sidebar/send',
      {
        config: pub,
        schema: {
          tags: ['sidebar'],
          body: Type.Object({ ...SidebarUseBody.properties, ...Target }, { additionalProperties: false }),
          response: { 200: Type.Object({ messages: Type.Array(SidebarMessageSchema) }) },
        },
      },
      async (req) => d.library.send(sidebarOf(req), { kind: req.body.kind, id: req.body.id }, { customerId: req.body.customerId, chatId: req.body.chatId }),
    );
  });
}
