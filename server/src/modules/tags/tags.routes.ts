import { Type } from '@sinclair/typebox';
import { CreatedTagsSchema, NoContent, TagJobSchema, TagJobStartedSchema, TaggedCustomerSchema, TagTreeSchema } from '@siyu/contracts';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import { Name } from '../../http/text';
import type { BulkTagInput, TagsService } from './tags.service';

const TagName = Name({ maxLength: 30 });
const TagId = Type.String({ minLength: 1, maxLength: 64 });
const TagIds = Type.Array(TagId, { maxItems: 100 });

export function registerTagsRoutes(app: FastifyInstance, tags: TagsService) {
  app.get('/api/tags', { config: { access: { permission: 'tags.read' } }, schema: { tags: ['tags'], response: { 200: TagTreeSchema } } }, async (req) => ({ groups: await tags.list(requireAuth(req)) }));

  app.post<{ Body: { groupId?: string; groupName?: string; tags: string[] } }>(
    '/api/tags',
    {
      config: { access: { permission: 'tags.write' } },
      schema: {
        tags: ['tags'],
        body: Type.Object(
          { tags: Type.Array(TagName, { minItems: 1, maxItems: 100 }), groupId: Type.Optional(TagId), groupName: Type.Optional(TagName) },
          { additionalProperties: false },
        ),
        response: { 201: CreatedTagsSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await tags.addTags(requireAuth(req), req.body)),
  );

  app.patch<{ Params: { tagId: string }; Body: { name?: string; order?: number } }>(
    '/api/tags/:tagId',
    {
      config: { access: { permission: 'tags.write' } },
      schema: {
        tags: ['tags'],
        params: Type.Object({ tagId: TagId }),
        body: Type.Object({ name: Type.Optional(TagName), order: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })) }, { additionalProperties: false }),
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await tags.rename(requireAuth(req), req.params.tagId, req.body);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: { tagId: string } }>(
    '/api/tags/:tagId',
    { config: { access: { permission: 'tags.write' } }, schema: { tags: ['tags'], params: Type.Object({ tagId: TagId }), response: { 204: NoContent } } },
    async (req, reply) => {
      await tags.remove(requireAuth(req), req.params.tagId);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string }; Body: { add: string[]; remove: string[] } }>(
    '/api/customers/:id/tags',
    {
      config: { access: { permission: 'tags.apply' } },
      schema: {
        tags: ['tags'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ add: TagIds, remove: TagIds }, { additionalProperties: false }),
        response: { 200: TaggedCustomerSchema },
      },
    },
    async (req) => tags.tagCustomer(requireAuth(req), req.params.id, req.body.add, req.body.remove),
  );

  // Exactly one target: the listed customers, or every customer matching a rule filter (resolved server-side).
  app.post<{ Body: BulkTagInput }>(
    '/api/tags/bulk',
    {
      config: { access: { permission: 'tags.write' } },
      schema: {
        tags: ['tags'],
        body: Type.Union([
          Type.Object(
            { customerIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 10000 }), add: TagIds, remove: TagIds },
            { additionalProperties: false },
          ),
          Type.Object({ filter: Type.Unknown({ description: 'Segment rule tree, as in POST /api/customers/search' }), add: TagIds, remove: TagIds }, { additionalProperties: false }),
        ]),
        response: { 202: TagJobStartedSchema },
      },
    },
    async (req, reply) => reply.code(202).send(await tags.bulkTag(requireAuth(req), req.body)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/tag-jobs/:id',
    { config: { access: { permission: 'tags.write' } }, schema: { tags: ['tags'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: TagJobSchema } } },
    async (req) => tags.job(requireAuth(req), req.params.id),
  );
}
