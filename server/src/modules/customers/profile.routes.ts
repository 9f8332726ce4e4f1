import { Type } from '@sinclair/typebox';
import { CreatedNoteSchema, CustomFieldListSchema, CustomFieldSchema, CustomerProfileSchema, NoContent, TimelinePageSchema } from '@siyu/contracts';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { ProfileService } from './profile.service';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const NoteParams = Type.Object({ id: Type.String({ format: 'uuid' }), noteId: Type.String({ format: 'uuid' }) });
const FieldKey = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$' });
const FieldValue = Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Null()]);

export function registerProfileRoutes(app: FastifyInstance, profiles: ProfileService) {
  app.get<{ Params: { id: string } }>('/api/customers/:id/profile', { config: { access: { permission: 'customers.read' } }, schema: { tags: ['customers'], params: IdParams, response: { 200: CustomerProfileSchema } } }, async (req) =>
    profiles.profile(requireAuth(req), req.params.id),
  );

  app.get<{ Params: { id: string }; Querystring: { types?: string; from?: string; to?: string; cursor?: string; limit: number } }>(
    '/api/customers/:id/timeline',
    {
      config: { access: { permission: 'customers.read' } },
      schema: {
        tags: ['customers'],
        params: IdParams,
        querystring: Type.Object(
          {
            types: Type.Optional(Type.String({ maxLength: 500 })),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            cursor: Type.Optional(Type.String({ maxLength: 80 })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: TimelinePageSchema },
      },
    },
    async (req) => profiles.timeline(requireAuth(req), req.params.id, req.query),
  );

  app.put<{ Params: { id: string }; Body: { values: Record<string, string | number | null> } }>(
    '/api/customers/:id/fields',
    {
      config: { access: { permission: 'customers.write' } },
      schema: {
        tags: ['customers'],
        params: IdParams,
        body: Type.Object({ values: Type.Record(FieldKey, FieldValue, { maxProperties: 100 }) }, { additionalProperties: false }),
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await profiles.setFieldValues(requireAuth(req), req.params.id, req.body.values);
      return reply.code(204).send();
    },
  );

  const NoteBody = Type.Object({ content: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });
  app.post<{ Params: { id: string }; Body: { content: string } }>(
    '/api/customers/:id/notes',
    { config: { access: { permission: 'customers.write' } }, schema: { tags: ['customers'], params: IdParams, body: NoteBody, response: { 201: CreatedNoteSchema } } },
    async (req, reply) => reply.code(201).send(await profiles.addNote(requireAuth(req), req.params.id, req.body.content)),
  );
  app.patch<{ Params: { id: string; noteId: string }; Body: { content: string } }>(
    '/api/customers/:id/notes/:noteId',
    { config: { access: { permission: 'customers.write' } }, schema: { tags: ['customers'], params: NoteParams, body: NoteBody, response: { 204: NoContent } } },
    async (req, reply) => {
      await profiles.editNote(requireAuth(req), req.params.id, req.params.noteId, req.body.content);
      return reply.code(204).send();
    },
  );
  app.delete<{ Params: { id: string; noteId: string } }>(
    '/api/customers/:id/notes/:noteId',
    { config: { access: { permission: 'customers.write' } }, schema: { tags: ['customers'], params: NoteParams, response: { 204: NoContent } } },
    async (req, reply) => {
      await profiles.editNote(requireAuth(req), req.params.id, req.params.noteId, null);
      return reply.code(204).send();
    },
  );

  app.get('/api/custom-fields', { config: { access: { permission: 'customers.read' } }, schema: { tags: ['customers'], response: { 200: CustomFieldListSchema } } }, async (req) => ({ items: await profiles.listFields(requireAuth(req)) }));
  app.post<{ Body: { key: string; label: string; type: 'text' | 'number' | 'date' | 'select'; options?: string[]; sortOrder?: number } }>(
    '/api/custom-fields',
    {
      config: { access: { permission: 'profile-settings.write' } },
      schema: {
        tags: ['customers'],
        body: Type.Object(
          {
            key: FieldKey,
            label: Type.String({ minLength: 1, maxLength: 60 }),
            type: Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('date'), Type.Literal('select')]),
            options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 100 })),
            sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: CustomFieldSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await profiles.createField(requireAuth(req), req.body)),
  );
  app.patch<{ Params: { id: string }; Body: { label?: string; options?: string[]; sortOrder?: number } }>(
    '/api/custom-fields/:id',
    {
      config: { access: { permission: 'profile-settings.write' } },
      schema: {
        tags: ['customers'],
        params: IdParams,
        body: Type.Object(
          {
            label: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
            options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 100 })),
            sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
          },
          { additionalProperties: false },
        ),
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await profiles.updateField(requireAuth(req), req.params.id, req.body);
      return reply.code(204).send();
    },
  );
  app.delete<{ Params: { id: string } }>('/api/custom-fields/:id', { config: { access: { permission: 'profile-settings.write' } }, schema: { tags: ['customers'], params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await profiles.deleteField(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });
}
