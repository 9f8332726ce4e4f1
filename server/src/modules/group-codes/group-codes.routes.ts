import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import { DomainError } from '../../http/errors';
import { Name } from '../../http/text';
import { IdParams, qrPng, RangeQuery } from '../channels';
import type { GroupCodesService } from './group-codes.service';
import { FileAnswer, GroupCodeListSchema, GroupCodeSchema, GroupCodeStatsSchema, GroupOptionsSchema, NoContent } from '@siyu/contracts';

const tags = ['group-codes'];

const GroupCodeBody = Type.Object(
  {
    name: Name({ maxLength: 60 }),
    chatIds: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: 5 }),
    autoCreateRoom: Type.Optional(Type.Boolean()),
    // add_join_way: room_base_name ≤ 40; blank means "from the name" (the service trims it)
    roomBaseName: Type.Optional(Type.String({ maxLength: 40 })),
    roomBaseId: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

type Id = Static<typeof IdParams>;
type Body = Static<typeof GroupCodeBody>;

export function registerGroupCodesRoutes(app: FastifyInstance, service: GroupCodesService) {
  app.get('/api/group-codes', { config: { access: { permission: 'group-codes.read' } }, schema: { tags, response: { 200: GroupCodeListSchema } } }, async (req) => service.list(requireAuth(req)));
  app.get('/api/group-codes/group-options', { config: { access: { permission: 'group-codes.write' } }, schema: { tags, response: { 200: GroupOptionsSchema } } }, async (req) => ({ items: await service.groupOptions(requireAuth(req)) }));
  app.post<{ Body: Body }>('/api/group-codes', { config: { access: { permission: 'group-codes.write' } }, schema: { tags, body: GroupCodeBody, response: { 201: GroupCodeSchema } } }, async (req, reply) =>
    reply.code(201).send(await service.create(requireAuth(req), req.body)),
  );
  app.get<{ Params: Id }>('/api/group-codes/:id', { config: { access: { permission: 'group-codes.read' } }, schema: { tags, params: IdParams, response: { 200: GroupCodeSchema } } }, async (req) => service.get(requireAuth(req), req.params.id));
  app.put<{ Params: Id; Body: Body }>('/api/group-codes/:id', { config: { access: { permission: 'group-codes.write' } }, schema: { tags, params: IdParams, body: GroupCodeBody, response: { 200: GroupCodeSchema } } }, async (req) =>
    service.update(requireAuth(req), req.params.id, req.body),
  );
  app.delete<{ Params: Id }>('/api/group-codes/:id', { config: { access: { permission: 'group-codes.write' } }, schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await service.remove(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });
  app.get<{ Params: Id; Querystring: Static<typeof RangeQuery> }>(
    '/api/group-codes/:id/stats',
    { config: { access: { permission: 'group-codes.read' } }, schema: { tags, params: IdParams, querystring: RangeQuery, response: { 200: GroupCodeStatsSchema } } },
    async (req) => service.stats(requireAuth(req), req.params.id, req.query),
  );
  app.get<{ Params: Id }>('/api/group-codes/:id/qr.png', { config: { access: { permission: 'group-codes.read' } }, schema: { tags, params: IdParams, response: { 200: FileAnswer('image/png', 'the code\'s QR image') } } }, async (req, reply) => {
    const code = await service.get(requireAuth(req), req.params.id);
    if (!code.qrCode) throw new DomainError('not_found');
    return reply.type('image/png').header('content-disposition', `attachment; filename="group-${code.state}.png"`).send(await qrPng(code.qrCode));
  });
}
