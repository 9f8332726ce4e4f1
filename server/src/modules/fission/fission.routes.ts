import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { CampaignBody, FissionService } from './fission.service';
import { TOKEN_PATTERN } from './participant-token';
import { PageNumber, pageSize } from '../../http/paging';
import {
  FissionCampaignBodySchema,
  FissionCampaignCreatedSchema,
  FissionCampaignListSchema,
  FissionCampaignSchema,
  FissionCodesAddedSchema,
  FissionLeaderboardSchema,
  FissionParticipantJoinedSchema,
  FissionParticipantsSchema,
  FissionProgressSchema,
} from '@siyu/contracts';

const tags = ['fission'];
const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const userid = Type.String({ minLength: 1, maxLength: 64 });

export function registerFissionRoutes(app: FastifyInstance, fission: FissionService) {
  app.get('/api/fission/campaigns', { config: { access: { permission: 'fission.read' } }, schema: { tags, response: { 200: FissionCampaignListSchema } } }, async (req) =>
    fission.list(requireAuth(req)),
  );

  app.post<{ Body: CampaignBody }>(
    '/api/fission/campaigns',
    {
      config: { access: { permission: 'fission.write' } },
      schema: {
        tags,
        body: FissionCampaignBodySchema,
        response: { 201: FissionCampaignCreatedSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await fission.create(requireAuth(req), req.body)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/fission/campaigns/:id',
    { config: { access: { permission: 'fission.read' } }, schema: { tags, params: idParams, response: { 200: FissionCampaignSchema } } },
    async (req) => fission.get(requireAuth(req), req.params.id),
  );

  app.post<{ Params: { id: string }; Body: { codes: string[] } }>(
    '/api/fission/campaigns/:id/reward-codes',
    {
      config: { access: { permission: 'fission.write' } },
      schema: {
        tags,
        params: idParams,
        body: Type.Object(
          { codes: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 20_000 }) },
          { additionalProperties: false },
        ),
        response: { 200: FissionCodesAddedSchema },
      },
    },
    async (req) => fission.addCodes(requireAuth(req), req.params.id, req.body.codes),
  );

  app.post<{ Params: { id: string }; Body: { externalUserid: string } }>(
    '/api/fission/campaigns/:id/participants',
    {
      config: { access: { permission: 'fission.enrol' } },
      schema: {
        tags,
        params: idParams,
        body: Type.Object({ externalUserid: userid }, { additionalProperties: false }),
        response: { 201: FissionParticipantJoinedSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await fission.join(requireAuth(req), req.params.id, req.body.externalUserid)),
  );

  app.get<{ Params: { id: string }; Querystring: { page: number; pageSize: number } }>(
    '/api/fission/campaigns/:id/participants',
    {
      config: { access: { permission: 'fission.read' } },
      schema: {
        tags,
        params: idParams,
        querystring: Type.Object(
          {
            page: PageNumber,
            pageSize: pageSize(),
          },
          { additionalProperties: false },
        ),
        response: { 200: FissionParticipantsSchema },
      },
    },
    async (req) => fission.participants(requireAuth(req), req.params.id, req.query.page, req.query.pageSize),
  );

  app.get<{ Params: { id: string }; Querystring: { limit: number } }>(
    '/api/fission/campaigns/:id/leaderboard',
    {
      config: { access: { permission: 'fission.read' } },
      schema: {
        tags,
        params: idParams,
        querystring: Type.Object(
          { limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) },
          { additionalProperties: false },
        ),
        response: { 200: FissionLeaderboardSchema },
      },
    },
    async (req) => fission.leaderboard(requireAuth(req), req.params.id, req.query.limit),
  );

  // Public: A's live progress, by the unguessable token only.
  const token = Type.Object({ token: Type.String({ minLength: 16, maxLength: 96, pattern: TOKEN_PATTERN }) });
  app.get<{ Params: { token: string } }>(
    '/api/fission/progress/:token',
    { config: { access: 'public' }, schema: { tags, params: token, response: { 200: FissionProgressSchema } } },
    async (req) => fission.progress(req.params.token),
  );
  app.get<{ Params: { token: string } }>(
    '/p/fission/:token',
    { config: { access: 'public' }, schema: { hide: true, params: token } },
    async (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(await fission.progressPage(req.params.token)),
  );
  app.get<{ Params: { token: string } }>(
    '/p/fission/:token/poster.png',
    { config: { access: 'public' }, schema: { hide: true, params: token } },
    async (req, reply) =>
      reply
        .type('image/png')
        .header('cache-control', 'private, max-age=300')
        .send(await fission.poster(req.params.token)),
  );
  app.get<{ Params: { token: string } }>(
    '/p/fission/:token/background',
    { config: { access: 'public' }, schema: { hide: true, params: token } },
    async (req, reply) => {
      const f = await fission.posterBackground(req.params.token);
      return reply.type(f.mimeType).header('cache-control', 'private, max-age=300').send(f.data);
    },
  );
}
