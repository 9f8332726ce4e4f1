import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import {
  CreatedPipelineSchema,
  CreatedStageSchema,
  FunnelSchema,
  NoContent,
  PipelineListSchema,
  RuleSchema,
  StageDeletedSchema,
  StageHistorySchema,
  StageMovedSchema,
  StageRuleRunListSchema,
  StageRuleRunSchema,
} from '@siyu/contracts';
import type { StageInput, StagePatch, StagesService } from './stages.service';

const Uuid = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Uuid });
const Name = Type.String({ minLength: 1, maxLength: 40 });
const DwellDays = Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()]);
const RemindHour = Type.Union([Type.Integer({ minimum: 0, maximum: 23 }), Type.Null()]);
// Entry rule in the segment rule language (the semantic validator then answers 400 invalid_rule with a path); null: none.
const StageRule = Type.Union([RuleSchema, Type.Null()]);
const StageBody = Type.Object(
  { name: Name, dwellDays: Type.Optional(DwellDays), remindHour: Type.Optional(RemindHour), rule: Type.Optional(StageRule) },
  { additionalProperties: false },
);

export function registerStagesRoutes(app: FastifyInstance, stages: StagesService) {
  const ok = <T>(reply: { code(n: number): { send(): T } }) => reply.code(204).send();

  app.get('/api/pipelines', { config: { access: { permission: 'stages.read' } }, schema: { tags: ['stages'], response: { 200: PipelineListSchema } } }, async (req) => ({ items: await stages.list(requireAuth(req)) }));
  app.post<{ Body: { name: string; stages?: StageInput[] } }>(
    '/api/pipelines',
    {
      config: { access: { permission: 'stages.write' } },
      schema: { tags: ['stages'], body: Type.Object({ name: Name, stages: Type.Optional(Type.Array(StageBody, { maxItems: 30 })) }, { additionalProperties: false }), response: { 201: CreatedPipelineSchema } },
    },
    async (req, reply) => reply.code(201).send(await stages.createPipeline(requireAuth(req), { name: req.body.name, stages: req.body.stages ?? [] })),
  );
  app.patch<{ Params: { id: string }; Body: { name: string } }>(
    '/api/pipelines/:id',
    { config: { access: { permission: 'stages.write' } }, schema: { tags: ['stages'], params: IdParams, body: Type.Object({ name: Name }, { additionalProperties: false }), response: { 204: NoContent } } },
    async (req, reply) => {
      await stages.updatePipeline(requireAuth(req), req.params.id, req.body.name);
      return ok(reply);
    },
  );
  app.delete<{ Params: { id: string } }>('/api/pipelines/:id', { config: { access: { permission: 'stages.write' } }, schema: { tags: ['stages'], params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await stages.deletePipeline(requireAuth(req), req.params.id);
    return ok(reply);
  });
  app.post<{ Params: { id: string }; Body: StageInput }>(
    '/api/pipelines/:id/stages',
    { config: { access: { permission: 'stages.write' } }, schema: { tags: ['stages'], params: IdParams, body: StageBody, response: { 201: CreatedStageSchema } } },
    async (req, reply) => reply.code(201).send(await stages.addStage(requireAuth(req), req.params.id, req.body)),
  );
  app.put<{ Params: { id: string }; Body: { stageIds: string[] } }>(
    '/api/pipelines/:id/order',
    { config: { access: { permission: 'stages.write' } }, schema: { tags: ['stages'], params: IdParams, body: Type.Object({ stageIds: Type.Array(Uuid, { minItems: 1, maxItems: 30 }) }, { additionalProperties: false }), response: { 204: NoContent } } },
    async (req, reply) => {
      await stages.reorder(requireAuth(req), req.params.id, req.body.stageIds);
      return ok(reply);
    },
  );
  app.post<{ Params: { id: string } }>('/api/pipelines/:id/apply-rules', { config: { access: { permission: 'stages.write' } }, schema: { tags: ['stages'], params: IdParams, response: { 202: StageRuleRunSchema } } }, async (req, reply) =>
    reply.code(202).send(await stages.applyRules(requireAuth(req), req.params.id)),
  );
  app.get<{ Params: { id: string } }>('/api/pipelines/:id/rule-runs', { config: { access: { permission: 'stages.read' } }, schema: { tags: ['stages'], params: IdParams, response: { 200: StageRuleRunListSchema } } }, async (req) =>
    stages.ruleRuns(requireAuth(req), req.params.id),
  );
  app.get<{ Params: { id: string } }>('/api/stage-rule-runs/:id', { config: { access: { permission: 'stages.read' } }, schema: { tags: ['stages'], params: IdParams, response: { 200: StageRuleRunSchema } } }, async (req) =>
    stages.ruleRun(requireAuth(req), req.params.id),
  );
  app.get<{ Params: { id: string } }>('/api/pipelines/:id/funnel', { config: { access: { permission: 'stages.read' } }, schema: { tags: ['stages'], params: IdParams, response: { 200: FunnelSchema } } }, async (req) =>
    stages.funnel(requireAuth(req), req.params.id),
  );
  app.patch<{ Params: { id: string }; Body: StagePatch }>(
    '/api/stages/:id',
    {
      config: { access: { permission: 'stages.write' } },
      schema: {
        tags: ['stages'],
        params: IdParams,
        body: Type.Object(
          { name: Type.Optional(Name), dwellDays: Type.Optional(DwellDays), remindHour: Type.Optional(RemindHour), rule: Type.Optional(StageRule) },
          { additionalProperties: false },
        ),
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await stages.updateStage(requireAuth(req), req.params.id, req.body);
      return ok(reply);
    },
  );
  app.delete<{ Params: { id: string }; Querystring: { reassignTo?: string } }>(
    '/api/stages/:id',
    { config: { access: { permission: 'stages.write' } }, schema: { tags: ['stages'], params: IdParams, querystring: Type.Object({ reassignTo: Type.Optional(Uuid) }, { additionalProperties: false }), response: { 200: StageDeletedSchema } } },
    async (req) => stages.deleteStage(requireAuth(req), req.params.id, req.query.reassignTo),
  );
  app.put<{ Params: { id: string; pipelineId: string }; Body: { stageId: string | null } }>(
    '/api/customers/:id/stages/:pipelineId',
    {
      config: { access: { permission: 'stages.move' } },
      schema: {
        tags: ['stages'],
        params: Type.Object({ id: Uuid, pipelineId: Uuid }),
        body: Type.Object({ stageId: Type.Union([Uuid, Type.Null()]) }, { additionalProperties: false }),
        response: { 200: StageMovedSchema },
      },
    },
    async (req) => stages.move(requireAuth(req), req.params.id, req.params.pipelineId, req.body.stageId),
  );
  app.get<{ Params: { id: string } }>('/api/customers/:id/stage-history', { config: { access: { permission: 'stages.read' } }, schema: { tags: ['stages'], params: IdParams, response: { 200: StageHistorySchema } } }, async (req) =>
    stages.history(requireAuth(req), req.params.id),
  );
}
