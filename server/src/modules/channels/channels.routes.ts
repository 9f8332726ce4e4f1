import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import { DomainError } from '../../http/errors';
import type { ChannelsService } from './channels.service';
import { ChannelBody, IdParams, NameBody, RangeQuery } from './channels.schemas';
import { qrPng, statsWorkbook, summaryWorkbook } from './export-channel-stats';
import {
  ChannelCodeGroupSchema,
  ChannelCodeGroupsSchema,
  ChannelCodeSchema,
  ChannelListSchema,
  ChannelStatsSchema,
  ChannelSummarySchema,
  ChannelTagOptionsSchema,
  FileAnswer,
  NoContent,
} from '@siyu/contracts';

const tags = ['channels'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Id = Static<typeof IdParams>;
type Range = Static<typeof RangeQuery>;

const ListQuery = Type.Object(
  { groupId: Type.Optional(Type.String({ format: 'uuid' })), q: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);

export function registerChannelsRoutes(app: FastifyInstance, channels: ChannelsService) {
  app.get<{ Querystring: Static<typeof ListQuery> }>('/api/channels', { config: { access: { permission: 'channels.read' } }, schema: { tags, querystring: ListQuery, response: { 200: ChannelListSchema } } }, async (req) =>
    channels.list(requireAuth(req), req.query),
  );

  app.post<{ Body: Static<typeof ChannelBody> }>('/api/channels', { config: { access: { permission: 'channels.write' } }, schema: { tags, body: ChannelBody, response: { 201: ChannelCodeSchema } } }, async (req, reply) =>
    reply.code(201).send(await channels.create(requireAuth(req), req.body)),
  );

  app.get<{ Querystring: Range }>('/api/channels/summary', { config: { access: { permission: 'channels.read' } }, schema: { tags, querystring: RangeQuery, response: { 200: ChannelSummarySchema } } }, async (req) =>
    channels.summary(requireAuth(req), req.query),
  );

  app.get<{ Querystring: Range }>('/api/channels/summary.xlsx', { config: { access: { permission: 'channels.read' } }, schema: { tags, querystring: RangeQuery, response: { 200: FileAnswer(XLSX, 'every code\'s totals as a spreadsheet') } } }, async (req, reply) => {
    const { range, rows } = await channels.summary(requireAuth(req), req.query);
    const buf = await summaryWorkbook(range, rows);
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="channels-${range.from}-${range.to}.xlsx"`)
      .send(buf);
  });

  app.get('/api/channels/tag-options', { config: { access: { permission: 'channels.write' } }, schema: { tags, response: { 200: ChannelTagOptionsSchema } } }, async (req) => ({ items: await channels.tagOptions(requireAuth(req)) }));

  app.get('/api/channels/groups', { config: { access: { permission: 'channels.read' } }, schema: { tags, response: { 200: ChannelCodeGroupsSchema } } }, async (req) => ({ items: await channels.listGroups(requireAuth(req)) }));

  app.post<{ Body: Static<typeof NameBody> }>('/api/channels/groups', { config: { access: { permission: 'channels.write' } }, schema: { tags, body: NameBody, response: { 201: ChannelCodeGroupSchema } } }, async (req, reply) =>
    reply.code(201).send(await channels.createGroup(requireAuth(req), req.body.name)),
  );

  app.patch<{ Params: Id; Body: Static<typeof NameBody> }>(
    '/api/channels/groups/:id',
    { config: { access: { permission: 'channels.write' } }, schema: { tags, params: IdParams, body: NameBody, response: { 204: NoContent } } },
    async (req, reply) => {
      await channels.renameGroup(requireAuth(req), req.params.id, req.body.name);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: Id }>('/api/channels/groups/:id', { config: { access: { permission: 'channels.write' } }, schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await channels.deleteGroup(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });

  app.get<{ Params: Id }>('/api/channels/:id', { config: { access: { permission: 'channels.read' } }, schema: { tags, params: IdParams, response: { 200: ChannelCodeSchema } } }, async (req) =>
    channels.get(requireAuth(req), req.params.id),
  );

  app.put<{ Params: Id; Body: Static<typeof ChannelBody> }>(
    '/api/channels/:id',
    { config: { access: { permission: 'channels.write' } }, schema: { tags, params: IdParams, body: ChannelBody, response: { 200: ChannelCodeSchema } } },
    async (req) => channels.update(requireAuth(req), req.params.id, req.body),
  );

  app.delete<{ Params: Id }>('/api/channels/:id', { config: { access: { permission: 'channels.write' } }, schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await channels.remove(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });

  app.get<{ Params: Id; Querystring: Range }>(
    '/api/channels/:id/stats',
    { config: { access: { permission: 'channels.read' } }, schema: { tags, params: IdParams, querystring: RangeQuery, response: { 200: ChannelStatsSchema } } },
    async (req) => channels.stats(requireAuth(req), req.params.id, req.query),
  );

  app.get<{ Params: Id; Querystring: Range }>(
    '/api/channels/:id/stats.xlsx',
    { config: { access: { permission: 'channels.read' } }, schema: { tags, params: IdParams, querystring: RangeQuery, response: { 200: FileAnswer(XLSX, 'the code\'s daily figures as a spreadsheet') } } },
    async (req, reply) => {
      const s = await channels.stats(requireAuth(req), req.params.id, req.query);
      const buf = await statsWorkbook(s.name, s.range, s.totals, s.days);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="channel-${s.id}-${s.range.from}-${s.range.to}.xlsx"`)
        .send(buf);
    },
  );

  app.get<{ Params: Id }>('/api/channels/:id/qr.png', { config: { access: { permission: 'channels.read' } }, schema: { tags, params: IdParams, response: { 200: FileAnswer('image/png', 'the code\'s QR image') } } }, async (req, reply) => {
    const code = await channels.get(requireAuth(req), req.params.id);
    if (!code.qrCode) throw new DomainError('not_found');
    return reply
      .type('image/png')
      .header('content-disposition', `attachment; filename="channel-${code.state}.png"`)
      .send(await qrPng(code.qrCode));
  });
}
