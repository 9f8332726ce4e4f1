// Points, levels and RFM settings, and a customer's points ledger and manual adjustments.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { MembershipService, PointsRuleInput } from './membership.service';
import { MembershipBalanceSchema, NoContent, PointsLedgerSchema, RfmSavedSchema } from '@siyu/contracts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Thresholds = (max: number) => Type.Array(Type.Number({ minimum: 0, maximum: max }), { minItems: 4, maxItems: 4 });

export function registerMembershipRoutes(app: FastifyInstance, membership: MembershipService) {
  app.put<{ Body: { recencyDays: number[]; frequencyCounts: number[]; monetaryAmounts: number[]; windowDays: number } }>(
    '/api/profile-settings/rfm',
    {
      config: { access: { permission: 'profile-settings.write' } },
      schema: {
        tags: ['membership'],
        body: Type.Object(
          { recencyDays: Thresholds(3650), frequencyCounts: Thresholds(100000), monetaryAmounts: Thresholds(1e10), windowDays: Type.Integer({ minimum: 7, maximum: 3650 }) },
          { additionalProperties: false },
        ),
        response: { 200: RfmSavedSchema },
      },
    },
    async (req) => membership.saveRfmSettings(requireAuth(req), req.body),
  );
  app.put<{ Body: { levels: Array<{ level: number; name: string; minGrowth: number }> } }>(
    '/api/profile-settings/levels',
    {
      config: { access: { permission: 'profile-settings.write' } },
      schema: {
        tags: ['membership'],
        body: Type.Object(
          {
            levels: Type.Array(
              Type.Object({ level: Type.Integer({ minimum: 1, maximum: 50 }), name: Type.String({ minLength: 1, maxLength: 30 }), minGrowth: Type.Integer({ minimum: 0, maximum: 1e9 }) }, { additionalProperties: false }),
              { minItems: 1, maxItems: 50 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await membership.saveLevels(requireAuth(req), req.body.levels);
      return reply.code(204).send();
    },
  );
  app.put<{ Body: PointsRuleInput }>(
    '/api/profile-settings/points-rules',
    {
      config: { access: { permission: 'profile-settings.write' } },
      schema: {
        tags: ['membership'],
        body: Type.Object(
          {
            eventType: Type.String({ minLength: 1, maxLength: 64 }),
            points: Type.Integer({ minimum: 0, maximum: 1e6 }),
            pointsPerYuan: Type.Number({ minimum: 0, maximum: 1000 }),
            growth: Type.Integer({ minimum: 0, maximum: 1e6 }),
            growthPerYuan: Type.Number({ minimum: 0, maximum: 1000 }),
            expiresDays: Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()]),
            enabled: Type.Boolean(),
          },
          { additionalProperties: false },
        ),
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await membership.savePointsRule(requireAuth(req), req.body);
      return reply.code(204).send();
    },
  );
  app.delete<{ Params: { id: string } }>('/api/profile-settings/points-rules/:id', { config: { access: { permission: 'profile-settings.write' } }, schema: { tags: ['membership'], params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await membership.deletePointsRule(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });
  app.get<{ Params: { id: string } }>('/api/customers/:id/points', { config: { access: { permission: 'customers.read' } }, schema: { tags: ['membership'], params: IdParams, response: { 200: PointsLedgerSchema } } }, async (req) =>
    membership.ledger(requireAuth(req), req.params.id),
  );
  app.post<{ Params: { id: string }; Body: { delta: number; reason: string } }>(
    '/api/customers/:id/points',
    {
      config: { access: { permission: 'points.adjust' } },
      schema: {
        tags: ['membership'],
        params: IdParams,
        body: Type.Object({ delta: Type.Integer({ minimum: -1e7, maximum: 1e7 }), reason: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false }),
        response: { 200: MembershipBalanceSchema },
      },
    },
    async (req) => membership.adjustPoints(requireAuth(req), req.params.id, req.body.delta, req.body.reason),
  );
}
