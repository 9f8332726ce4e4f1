// HTTP of the material library: validate with the contracts' schemas and dispatch to the service.
import {
  NoContent,
  CreateMaterialBody,
  FolderBody,
  MaterialFolderListSchema,
  MaterialFolderSchema,
  MaterialListQuery,
  MaterialListSchema,
  MaterialSchema,
  MaterialSummaryListSchema,
  MaterialTagListSchema,
  UpdateMaterialBody,
  type CreateMaterialBodyT,
  type FolderBodyT,
  type MaterialListQueryT,
  type UpdateMaterialBodyT,
} from '@siyu/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { MaterialsService } from './materials.service';

const tags = ['materials'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const IdsQuery = Type.Object({ ids: Type.String({ maxLength: 4000, pattern: '^[0-9a-fA-F,-]*$' }) }, { additionalProperties: false });
/** A 20 MB file in base64 and its JSON around it. */
const UPLOAD_BODY_LIMIT = 28 * 1024 * 1024 + 64 * 1024;
const read = { access: { permission: 'materials.read' as const } };
const write = { access: { permission: 'materials.write' as const } };
type Id = { Params: { id: string } };

export function registerMaterialsRoutes(app: FastifyInstance, materials: MaterialsService) {
  app.get<{ Querystring: MaterialListQueryT }>(
    '/api/materials',
    { config: read, schema: { tags, querystring: MaterialListQuery, response: { 200: MaterialListSchema } } },
    async (req) => materials.list(requireAuth(req), req.query),
  );

  app.get<{ Querystring: { ids: string } }>(
    '/api/materials/summaries',
    { config: read, schema: { tags, querystring: IdsQuery, response: { 200: MaterialSummaryListSchema } } },
    async (req) => ({
      items: await materials.summaries(
        requireAuth(req),
        req.query.ids.split(',').filter((s) => /^[0-9a-f-]{36}$/i.test(s)).slice(0, 100),
      ),
    }),
  );

  app.get('/api/materials/tags', { config: read, schema: { tags, response: { 200: MaterialTagListSchema } } }, async (req) =>
    materials.tags(requireAuth(req)),
  );

  app.post<{ Body: CreateMaterialBodyT }>(
    '/api/materials',
    { config: write, bodyLimit: UPLOAD_BODY_LIMIT, schema: { tags, body: CreateMaterialBody, response: { 201: MaterialSchema } } },
    async (req, reply) => reply.code(201).send(await materials.create(requireAuth(req), req.body)),
  );

  app.get<Id>('/api/materials/:id', { config: read, schema: { tags, params: IdParams, response: { 200: MaterialSchema } } }, async (req) =>
    materials.get(requireAuth(req), req.params.id),
  );

  app.get<Id>('/api/materials/:id/file', { config: read, schema: { tags, params: IdParams } }, async (req, reply) => {
    const f = await materials.file(requireAuth(req), req.params.id);
    return reply
      .header('content-type', f.mimeType)
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .header('cache-control', 'private, max-age=300')
      .send(f.data);
  });

  app.patch<Id & { Body: UpdateMaterialBodyT }>(
    '/api/materials/:id',
    { config: write, schema: { tags, params: IdParams, body: UpdateMaterialBody, response: { 200: MaterialSchema } } },
    async (req) => materials.update(requireAuth(req), req.params.id, req.body),
  );

  app.delete<Id>('/api/materials/:id', { config: write, schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await materials.remove(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });

  app.get('/api/material-folders', { config: read, schema: { tags, response: { 200: MaterialFolderListSchema } } }, async (req) =>
    materials.folders(requireAuth(req)),
  );

  app.post<{ Body: FolderBodyT }>(
    '/api/material-folders',
    { config: write, schema: { tags, body: FolderBody, response: { 201: MaterialFolderSchema } } },
    async (req, reply) => reply.code(201).send(await materials.createFolder(requireAuth(req), req.body)),
  );

  app.patch<Id & { Body: { name: string } }>(
    '/api/material-folders/:id',
    {
      config: write,
      schema: { tags, params: IdParams, body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 30 }) }, { additionalProperties: false }), response: { 204: NoContent } },
    },
    async (req, reply) => {
      await materials.renameFolder(requireAuth(req), req.params.id, req.body.name);
      return reply.code(204).send();
    },
  );

  app.delete<Id>('/api/material-folders/:id', { config: write, schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await materials.deleteFolder(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });
}
