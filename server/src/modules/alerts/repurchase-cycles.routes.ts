import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { RepurchaseCycleInput } from './repurchase-cycles.repo';
import type { RepurchaseCyclesService } from './repurchase-cycles.service';
import { NoContent, RepurchaseCycleListSchema, RepurchaseCycleSchema } from '@siyu/contracts';

const URL = '/api/profile-settings/repurchase-cycles';

const CycleBody = Type.Object(
  {
    match: Type.Union([Type.Literal('sku'), Type.Literal('category')]),
    value: Type.String({ minLength: 1, maxLength: 64 }),
    name: Type.Optional(Type.String({ maxLength: 100 })),
    cycleDays: Type.Integer({ minimum: 1, maximum: 3650 }),
  },
  { additionalProperties: false },
);

export function registerRepurchaseCyclesRoutes(app: FastifyInstance, cycles: RepurchaseCyclesService) {
  app.get(URL, { config: { access: { permission: 'profile-settings.read' } }, schema: { tags: ['alerts'], response: { 200: RepurchaseCycleListSchema } } }, async (req) => cycles.list(requireAuth(req)));
  /** Saves the cycle of one product (a sku, or a category for skus without their own rule); saving it again updates it. */
  app.put<{ Body: Omit<RepurchaseCycleInput, 'name'> & { name?: string } }>(URL, { config: { access: { permission: 'profile-settings.write' } }, schema: { tags: ['alerts'], body: CycleBody, response: { 200: RepurchaseCycleSchema } } }, async (req) => cycles.save(requireAuth(req), { ...req.body, name: req.body.name ?? '' }));
  app.delete<{ Params: { id: string } }>(
    `${URL}/:id`,
    { config: { access: { permission: 'profile-settings.write' } }, schema: { tags: ['alerts'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 204: NoContent } } },
    async (req, reply) => {
      await cycles.remove(requireAuth(req), req.params.id);
      return reply.code(204).send();
    },
  );
}
