import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { AlertKind } from './alerts.repo';
import type { AlertsService, PointsRuleInput } from './alerts.service';
import { PageNumber, pageSize } from '../../http/paging';

const everyone = { access: ['admin', 'operator', 'staff', 'analyst'] as const };
const workers = { access: ['admin', 'operator', 'staff'] as const };
const managers = { access: ['admin', 'operator'] as const };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Kind = Type.Union(['churn_deleted', 'churn_inactive', 'churn_rfm', 'repurchase'].map((k) => Type.Literal(k)));
const Thresholds = (max: number) => Type.Array(Type.Number({ minimum: 0, maximum: max }), { minItems: 4, maxItems: 4 });

export function registerAlertsRoutes(app: FastifyInstance, alerts: AlertsService) {
  app.get<{ Querystring: { kind?: AlertKind; status: 'open' | 'done' | 'dismissed'; page: number; pageSize: number } }>(
    '/api/alerts',
    {
      config: everyone,
      schema: {
        tags: ['alerts'],
        querystring: Type.Object(
          {
            kind: Type.Optional(Kind),
            status: Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('dismissed')], { default: 'open' }),
            page: PageNumber,
            pageSize: pageSize(),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => alerts.list(requireAuth(req), req.query),
  );
  app.patch<{ Params: { id: string }; Body: { status: 'done' | 'dismissed' } }>(
    '/api/alerts/:id',
    { config: workers, schema: { tags: ['alerts'], params: IdParams, body: Type.Object({ status: Type.Union([Type.Literal('done'), Type.Literal('dismissed')]) }, { additionalProperties: false }) } },
    async (req, reply) => {
      await alerts.setStatus(requireAuth(req), req.params.id, req.body.status);
      return reply.code(204).send();
    },
  );
  app.get('/api/profile-settings', { config: everyone, schema: { tags: ['alerts'] } }, async (req) => alerts.settings(requireAuth(req)));
  app.put<{ Body: { inactiveDays: number; repurchaseFactor: number; notifyStaff: boolean } }>(
    '/api/profile-settings/alerts',
    {
      config: managers,
      schema: {
        tags: ['alerts'],
        body: Type.Object(
          { inactiveDays: Type.Integer({ minimum: 1, maximum: 3650 }), repurchaseFactor: Type.Number({ minimum: 1, maximum: 10 }), notifyStaff: Type.Boolean() },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      await alerts.saveAlertSettings(requireAuth(req), req.body);
      return reply.code(204).send();
    },
  );
  app.put<{ Body: { recencyDays: number[]; frequencyCounts: number[]; monetaryAmounts: number[]; windowDays: number } }>(
    '/api/profile-settings/rfm',
    {
      config: managers,
      schema: {
        tags: ['alerts'],
        body: Type.Object(
          { recencyDays: Thresholds(3650), frequencyCounts: Thresholds(100000), monetaryAmounts: Thresholds(1e10), windowDays: Type.Integer({ minimum: 7, maximum: 3650 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => alerts.saveRfmSettings(requireAuth(req), req.body),
  );
  app.put<{ Body: { levels: Array<{ level: number; name: string; minGrowth: number }> } }>(
    '/api/profile-settings/levels',
    {
      config: managers,
      schema: {
        tags: ['alerts'],
        body: Type.Object(
          {
            levels: Type.Array(
              Type.Object({ level: Type.Integer({ minimum: 1, maximum: 50 }), name: Type.String({ minLength: 1, maxLength: 30 }), minGrowth: Type.Integer({ minimum: 0, maximum: 1e9 }) }, { additionalProperties: false }),
              { minItems: 1, maxItems: 50 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      await alerts.saveLevels(requireAuth(req), req.body.levels);
      return reply.code(204).send();
    },
  );
  app.put<{ Body: PointsRuleInput }>(
    '/api/profile-settings/points-rules',
    {
      config: managers,
      schema: {
        tags: ['alerts'],
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
      },
    },
    async (req, reply) => {
      await alerts.savePointsRule(requireAuth(req), req.body);
      return reply.code(204).send();
    },
  );
  app.delete<{ Params: { id: string } }>('/api/profile-settings/points-rules/:id', { config: managers, schema: { tags: ['alerts'], params: IdParams } }, async (req, reply) => {
    await alerts.deletePointsRule(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });
  app.get<{ Params: { id: string } }>('/api/customers/:id/points', { config: everyone, schema: { tags: ['alerts'], params: IdParams } }, async (req) =>
    alerts.ledger(requireAuth(req), req.params.id),
  );
  app.post<{ Params: { id: string }; Body: { delta: number; reason: string } }>(
    '/api/customers/:id/points',
    {
      config: managers,
      schema: {
        tags: ['alerts'],
        params: IdParams,
        body: Type.Object({ delta: Type.Integer({ minimum: -1e7, maximum: 1e7 }), reason: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false }),
      },
    },
    async (req) => alerts.adjustPoints(requireAuth(req), req.params.id, req.body.delta, req.body.reason),
  );
}
