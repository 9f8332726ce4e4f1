import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { SegmentsService } from './segments.service';
import { PageNumber, pageSize } from '../../http/paging';
import { NoContent, QueuedSchema, RuleOptionsSchema, SegmentListSchema, SegmentMembersSchema, SegmentPreviewSchema, SegmentRefreshRunsSchema, SegmentSchema } from '@siyu/contracts';


// Rule trees are checked by the semantic validator (400 invalid_rule with the path of the bad node).
const RuleBody = Type.Unknown({
  description: 'Segment rule tree: { all | any: [...] } | { not: rule } | leaf { kind, ... }',
});
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Description = Type.String({ maxLength: 500 });

const CreateBody = Type.Object(
  {
    name: Name,
    description: Type.Optional(Description),
    rule: RuleBody,
    kind: Type.Union([Type.Literal('segment'), Type.Literal('dynamic_tag')]),
    tagId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const PatchBody = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    rule: Type.Optional(RuleBody),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const PreviewBody = Type.Object({ rule: RuleBody }, { additionalProperties: false });
const PageQuery = Type.Object(
  {
    page: PageNumber,
    pageSize: pageSize(),
  },
  { additionalProperties: false },
);

export function registerSegmentsRoutes(app: FastifyInstance, segments: SegmentsService) {
  const tags = ['segments'];
  app.get('/api/segments', { config: { access: { permission: 'segments.read' } }, schema: { tags, response: { 200: SegmentListSchema } } }, async (req) => ({
    items: await segments.list(requireAuth(req)),
  }));

  app.post<{ Body: Static<typeof CreateBody> }>(
    '/api/segments',
    { config: { access: { permission: 'segments.write' } }, schema: { tags, body: CreateBody, response: { 201: SegmentSchema } } },
    async (req, reply) => {
      reply.code(201);
      return segments.create(requireAuth(req), req.body);
    },
  );

  app.get('/api/segments/rule-options', { config: { access: { permission: 'segments.read' } }, schema: { tags, response: { 200: RuleOptionsSchema } } }, async (req) =>
    segments.ruleOptions(requireAuth(req)),
  );

  app.post<{ Body: Static<typeof PreviewBody> }>(
    '/api/segments/preview',
    { config: { access: { permission: 'segments.read' } }, schema: { tags, body: PreviewBody, response: { 200: SegmentPreviewSchema } } },
    async (req) => segments.preview(requireAuth(req), req.body.rule),
  );

  app.get('/api/segments/runs', { config: { access: { permission: 'segments.write' } }, schema: { tags, response: { 200: SegmentRefreshRunsSchema } } }, async (req) => ({
    runs: await segments.runs(requireAuth(req)),
  }));

  app.post('/api/segments/refresh', { config: { access: { permission: 'segments.write' } }, schema: { tags, response: { 202: QueuedSchema } } }, async (req, reply) => {
    await segments.refresh(requireAuth(req));
    reply.code(202);
    return { queued: true };
  });

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/segments/:id',
    { config: { access: { permission: 'segments.read' } }, schema: { tags, params: IdParams, response: { 200: SegmentSchema } } },
    async (req) => segments.get(requireAuth(req), req.params.id),
  );

  app.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof PatchBody> }>(
    '/api/segments/:id',
    { config: { access: { permission: 'segments.write' } }, schema: { tags, params: IdParams, body: PatchBody, response: { 200: SegmentSchema } } },
    async (req) => segments.update(requireAuth(req), req.params.id, req.body),
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    '/api/segments/:id',
    { config: { access: { permission: 'segments.write' } }, schema: { tags, params: IdParams, response: { 204: NoContent } } },
    async (req, reply) => {
      await segments.remove(requireAuth(req), req.params.id);
      reply.code(204);
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/api/segments/:id/refresh',
    { config: { access: { permission: 'segments.write' } }, schema: { tags, params: IdParams, response: { 202: QueuedSchema } } },
    async (req, reply) => {
      await segments.refresh(requireAuth(req), req.params.id);
      reply.code(202);
      return { queued: true };
    },
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof PageQuery> }>(
    '/api/segments/:id/members',
    { config: { access: { permission: 'segments.read' } }, schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: SegmentMembersSchema } } },
    async (req) => segments.members(requireAuth(req), req.params.id, req.query.page, req.query.pageSize),
  );
}
