import { ConnectionTestSchema, WecomConnectionSchema } from '@siyu/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { ConnectionInput, WecomService } from './wecom.service';

const opt = (max: number) => Type.Optional(Type.String({ maxLength: max }));

export function registerConnectRoutes(app: FastifyInstance, wecom: WecomService) {
  app.get('/api/wecom/connection', { config: { access: { permission: 'wecom.admin' } }, schema: { tags: ['wecom'], response: { 200: WecomConnectionSchema } } }, async (req) =>
    wecom.getConnection(requireAuth(req), `${req.protocol}://${req.host}`),
  );

  app.put<{ Body: ConnectionInput }>(
    '/api/wecom/connection',
    {
      config: { access: { permission: 'wecom.admin' } },
      schema: {
        tags: ['wecom'],
        body: Type.Object(
          {
            corpId: Type.Optional(Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9_-]*$' })),
            contactSecret: opt(128),
            agentId: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9]*$' })),
            appSecret: opt(128),
            callbackToken: Type.Optional(Type.String({ maxLength: 32, pattern: '^[A-Za-z0-9]*$' })),
            callbackAesKey: Type.Optional(Type.String({ maxLength: 43, pattern: '^([A-Za-z0-9+/]{43})?$' })),
            apiBase: Type.Optional(Type.String({ maxLength: 200, pattern: '^(https?://.+)?$' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: WecomConnectionSchema },
      },
    },
    async (req) => {
      const auth = requireAuth(req);
      await wecom.updateConnection(auth, req.body);
      return wecom.getConnection(auth, `${req.protocol}://${req.host}`);
    },
  );

  app.post('/api/wecom/connection/test', { config: { access: { permission: 'wecom.admin' } }, schema: { tags: ['wecom'], response: { 200: ConnectionTestSchema } } }, async (req) =>
    wecom.testConnection(requireAuth(req)),
  );
}
