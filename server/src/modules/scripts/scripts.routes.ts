// HTTP of the script library (/api/scripts, /api/script-folders): validate with the contracts' schemas, dispatch.
import { Type } from '@sinclair/typebox';
import { NoContent, ScriptBody, ScriptFolderBody, ScriptFolderSchema, ScriptListQuery, ScriptListSchema, ScriptUseListSchema, type ScriptInput } from '@siyu/contracts';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import type { ScriptsService } from './scripts.service';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Created = Type.Object({ id: Type.String() });

export function registerScriptsRoutes(app: FastifyInstance, scripts: ScriptsService) {
  const read = { access: { permission: 'script.read' as const } };
  const write = { access: { permission: 'script.write' as const } };
  app.get<{ Querystring: { folderId?: string; q?: string } }>(
    '/api/scripts',
    { config: read, schema: { tags: ['scripts'], querystring: ScriptListQuery, response: { 200: ScriptListSchema } } },
    async (req) => scripts.list(requireAuth(req), req.query),
  );
  app.get('/api/scripts/uses', { config: read, schema: { tags: ['scripts'], response: { 200: ScriptUseListSchema } } }, async (req) => scripts.uses(requireAuth(req)));
  app.post<{ Body: ScriptInput }>('/api/scripts', { config: write, schema: { tags: ['scripts'], body: ScriptBody, response: { 201: Created } } }, async (req, reply) =>
    reply.code(201).send(await scripts.create(requireAuth(req), req.body)),
  );
  app.put<{ Params: { id: string }; Body: ScriptInput }>('/api/scripts/:id', { config: write, schema: { tags: ['scripts'], params: IdParams, body: ScriptBody, response: { 204: NoContent } } }, async (req, reply) => {
    await scripts.update(requireAuth(req), req.params.id, req.body);
    return reply.code(204).send();
  });
  app.delete<{ Params: { id: string } }>('/api/scripts/:id', { config: write, schema: { tags: ['scripts'], params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await scripts.remove(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });
  app.post<{ Body: { name: string } }>(
    '/api/script-folders',
    { config: write, schema: { tags: ['scripts'], body: ScriptFolderBody, response: { 201: ScriptFolderSchema } } },
    async (req, reply) => reply.code(201).send(await scripts.createFolder(requireAuth(req), req.body.name)),
  );
  app.delete<{ Params: { id: string } }>('/api/script-folders/:id', { config: write, schema: { tags: ['scripts'], params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await scripts.removeFolder(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });
}
