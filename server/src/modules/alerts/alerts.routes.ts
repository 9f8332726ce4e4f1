import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { AlertKind } from './alerts.repo';
import type { AlertsService } from './alerts.service';
import { AlertPageSchema, NoContent, ProfileSettingsSchema } from '@siyu/contracts';
import { PageNumber, pageSize } from '../../http/paging';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Kind = Type.Union(['churn_deleted', 'churn_inactive', 'churn_rfm', 'repurchase'].map((k) => Type.Literal(k)));

export function registerAlertsRoutes(app: FastifyInstance, alerts: AlertsService) {
  app.get<{ Querystring: { kind?: AlertKind; status: 'open' | 'done' | 'dismissed'; page: number; pageSize: number } }>(
    '/api/alerts',
    {
      config: { access: { permission: 'alerts.read' } },
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
        response: { 200: AlertPageSchema },
      },
    },
    async (req) => alerts.list(requireAuth(req), req.query),
  );
  app.patch<{ Params: { id: string }; Body: { status: 'done' | 'dismissed' } }>(
    '/api/alerts/:id',
    { config: { access: { permission: 'alerts.handle' } }, schema: { tags: ['alerts'], params: IdParams, body: Type.Object({ status: Type.Union([Type.Literal('done'), Type.Literal('dismissed')]) }, { additionalProperties: false }), response: { 204: NoContent } } },
    async (req, reply) => {
      await alerts.setStatus(requireAuth(req), req.params.id, req.body.status);
      return reply.code(204).send();
    },
  );
  app.get('/api/profile-settings', { config: { access: { permission: 'profile-settings.read' } }, schema: { tags: ['alerts'], response: { 200: ProfileSettingsSchema } } }, async (req) => alerts.settings(requireAuth(req)));
  app.put<{ Body: { inactiveDays: number; repurchaseFactor: number; notifyStaff: boolean } }>(
    '/api/profile-settings/alerts',
    {
      config: { access: { permission: 'profile-settings.write' } },
      schema: {
        tags: ['alerts'],
        body: Type.Object(
          { inactiveDays: Type.Integer({ minimum: 1, maximum: 3650 }), repurchaseFactor: Type.Number({ minimum: 1, maximum: 10 }), notifyStaff: Type.Boolean() },
          { additionalProperties: false },
        ),
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await alerts.saveAlertSettings(requireAuth(req), req.body);
      return reply.code(204).send();
    },
  );
}
