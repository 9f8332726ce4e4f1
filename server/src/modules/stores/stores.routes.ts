import { Type, type Static } from '@sinclair/typebox';
import { NoContent, StoreCodeListSchema, StoreCodeSchema, StoreImportResultSchema, StoreListSchema, StoreSchema } from '@siyu/contracts';
import type { FastifyInstance } from 'fastify';
import { requireAuth } from '../../http/access';
import { IdParams, qrPng } from '../channels';
import { landingHtml } from './landing-page';
import type { StoresService } from './stores.service';

const tags = ['stores'];
const strict = { additionalProperties: false } as const;
const uuid = Type.String({ format: 'uuid' });

const StoreBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    city: Type.String({ minLength: 1, maxLength: 40 }),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    lat: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
    lng: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
    channelId: Type.Optional(Type.Union([uuid, Type.Null()])),
    groupCodeId: Type.Optional(Type.Union([uuid, Type.Null()])),
  },
  strict,
);
const ImportBody = Type.Object(
  { fileName: Type.String({ minLength: 1, maxLength: 200, pattern: '\\.(csv|xlsx|CSV|XLSX)$' }), contentBase64: Type.String({ minLength: 1, maxLength: 1_000_000 }) },
  strict,
);
const StoreCodeBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 60 }), title: Type.Optional(Type.String({ maxLength: 60 })) }, strict);

const PublicParams = Type.Object({ corpId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }), id: uuid }, strict);
const PublicStoreParams = Type.Object({ corpId: PublicParams.properties.corpId, id: uuid, storeId: uuid }, strict);
const PublicQrParams = Type.Object({ corpId: PublicParams.properties.corpId, id: uuid, file: Type.String({ pattern: '^[0-9a-f-]{36}\\.png$' }) }, strict);
const NearestQuery = Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lng: Type.Number({ minimum: -180, maximum: 180 }) }, strict);

type Id = Static<typeof IdParams>;
type Pub = Static<typeof PublicParams>;
const publicLimited = { access: 'public' as const, rateLimit: { max: 120, timeWindow: '1 minute' } };

export function registerStoresRoutes(app: FastifyInstance, stores: StoresService) {
  app.get('/api/stores', { config: { access: { permission: 'stores.read' } }, schema: { tags, response: { 200: StoreListSchema } } }, async (req) => stores.list(requireAuth(req)));
  app.post<{ Body: Static<typeof StoreBody> }>('/api/stores', { config: { access: { permission: 'stores.write' } }, schema: { tags, body: StoreBody, response: { 201: StoreSchema } } }, async (req, reply) =>
    reply.code(201).send(await stores.create(requireAuth(req), req.body)),
  );
  app.post<{ Body: Static<typeof ImportBody> }>('/api/stores/import', { config: { access: { permission: 'stores.write' } }, schema: { tags, body: ImportBody, response: { 200: StoreImportResultSchema } } }, async (req) =>
    stores.import(requireAuth(req), req.body),
  );
  app.put<{ Params: Id; Body: Static<typeof StoreBody> }>('/api/stores/:id', { config: { access: { permission: 'stores.write' } }, schema: { tags, params: IdParams, body: StoreBody, response: { 200: StoreSchema } } }, async (req) =>
    stores.update(requireAuth(req), req.params.id, req.body),
  );
  app.delete<{ Params: Id }>('/api/stores/:id', { config: { access: { permission: 'stores.write' } }, schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await stores.remove(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });

  app.get('/api/store-codes', { config: { access: { permission: 'stores.read' } }, schema: { tags, response: { 200: StoreCodeListSchema } } }, async (req) => ({ items: await stores.listCodes(requireAuth(req)) }));
  app.post<{ Body: Static<typeof StoreCodeBody> }>('/api/store-codes', { config: { access: { permission: 'stores.write' } }, schema: { tags, body: StoreCodeBody, response: { 201: StoreCodeSchema } } }, async (req, reply) =>
    reply.code(201).send(await stores.createCode(requireAuth(req), req.body)),
  );
  app.delete<{ Params: Id }>('/api/store-codes/:id', { config: { access: { permission: 'stores.write' } }, schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await stores.removeCode(requireAuth(req), req.params.id);
    return reply.code(204).send();
  });

  // ---- public landing (no login) ----
  app.get<{ Params: Pub }>('/s/:corpId/:id', { config: publicLimited, schema: { hide: true, params: PublicParams } }, async (req, reply) => {
    const code = await stores.landing(req.params.corpId, req.params.id);
    const base = `/s/${encodeURIComponent(req.params.corpId)}/${req.params.id}`;
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(landingHtml(code.title || code.name, base));
  });
  app.get<{ Params: Pub; Querystring: Static<typeof NearestQuery> }>(
    '/s/:corpId/:id/nearest',
    { config: publicLimited, schema: { hide: true, params: PublicParams, querystring: NearestQuery } },
    async (req) => stores.nearest(req.params.corpId, req.params.id, req.query),
  );
  app.get<{ Params: Pub }>('/s/:corpId/:id/cities', { config: publicLimited, schema: { hide: true, params: PublicParams } }, async (req) =>
    stores.cities(req.params.corpId, req.params.id),
  );
  app.get<{ Params: Static<typeof PublicStoreParams> }>(
    '/s/:corpId/:id/stores/:storeId',
    { config: publicLimited, schema: { hide: true, params: PublicStoreParams } },
    async (req) => stores.choose(req.params.corpId, req.params.id, req.params.storeId),
  );
  app.get<{ Params: Static<typeof PublicQrParams> }>(
    '/s/:corpId/:id/qr/:file',
    { config: publicLimited, schema: { hide: true, params: PublicQrParams } },
    async (req, reply) => {
      const url = await stores.qrOf(req.params.corpId, req.params.id, req.params.file.replace(/\.png$/, ''));
      return reply.type('image/png').header('cache-control', 'public, max-age=300').send(await qrPng(url));
    },
  );
}
