// Every operation the server answers, found rather than listed: the /api operations from the OpenAPI document, the
// access each declares (app.routes), and the routes outside /api read from Fastify's route tree, with a real id
// of a seeded corp for each path parameter — so a new route is walked the day it is added.
import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/db/schema';
import type { AllowedRoles as Access } from '../../src/http/access';
import type { SeededCorp, World } from './world';

export type JsonSchema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  nullable?: boolean;
  $ref?: string;
};

export type Param = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: JsonSchema };

export type Operation = {
  method: string;
  /** Fastify's form: /api/customers/:id */
  url: string;
  params: Param[];
  body: JsonSchema | null;
  access: Access;
  /** Outside /api: not in the OpenAPI document. */
  hidden: boolean;
};

type OpenApi = {
  paths: Record<string, Record<string, { parameters?: Param[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

/** Resolves $ref against the document's components, one level at a time (rules are recursive). */
export function resolver(doc: OpenApi): (s: JsonSchema) => JsonSchema {
  return (s) => {
    let cur = s;
    for (let i = 0; i < 10 && cur.$ref; i++) cur = doc.components?.schemas?.[cur.$ref.replace('#/components/schemas/', '')] ?? {};
    return cur;
  };
}

/** Routes outside /api, parsed from Fastify's printRoutes tree. */
export function routesOutsideApi(tree: string): Array<{ method: string; url: string }> {
  const out: Array<{ method: string; url: string }> = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    const parent = stack[depth - 1] ?? '';
    const full = parent + m[2];
    stack[depth] = full;
    if (!m[3] || full.startsWith('/api') || full.startsWith('/sandbox')) continue;
    for (const method of m[3].split(', ')) if (method !== 'HEAD') out.push({ method, url: full });
  }
  return out;
}

export async function discoverOperations(world: World): Promise<{ ops: Operation[]; doc: OpenApi }> {
  const res = await world.app.app.inject({ method: 'GET', url: '/api/docs/json' });
  const doc = res.json() as OpenApi;
  const access = new Map(world.app.routes.map((r) => [`${r.method} ${r.url}`, r.access]));
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    const url = path.replace(/\{(\w+)\}/g, ':$1');
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase();
      if (method === 'HEAD') continue;
      // Outside /api a route has no session (webhooks, WeCom callbacks); inside, every route must declare its access.
      const a = access.get(`${method} ${url}`) ?? (url.startsWith('/api/') ? null : 'public');
      if (!a) throw new Error(`OpenAPI operation ${method} ${url} has no declared access`);
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      ops.push({ method, url, params: op.parameters ?? [], body, access: a, hidden: false });
    }
  }
  // Routes in the access table but hidden from the document (the fission poster and page helpers, raw uploads).
  for (const r of world.app.routes) {
    if (!ops.some((o) => o.method === r.method && o.url === r.url)) {
      ops.push({ method: r.method, url: r.url, params: pathParams(r.url), body: (r.body as JsonSchema | null) ?? null, access: r.access, hidden: true });
    }
  }
  for (const r of routesOutsideApi(world.app.app.printRoutes({ commonPrefix: false }))) {
    if (ops.some((o) => o.method === r.method && o.url === r.url)) continue;
    ops.push({ method: r.method, url: r.url, params: pathParams(r.url), body: null, access: 'public', hidden: true });
  }
  return { ops, doc };
}

function pathParams(url: string): Param[] {
  return [...url.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path' as const, required: true, schema: { type: 'string' } }));
}

/** The kind of record a path parameter names, by the route it is in. */
export function kindOf(url: string, param: string): string | null {
  const p = `${url}#${param}`;
  const rules: Array<[RegExp, string | null]> = [
    [/#noteId$/, 'note'],
    [/#pipelineId$/, 'pipeline'],
    [/#storeId$/, 'store'],
    [/#corpId$/, 'corpId'],
    [/#file$/, 'file'],
    [/#token$/, 'fissionToken'],
    [/#userid$/, 'staffUserid'],
    [/#tagId$/, 'tag'],
    [/^\/api\/customers\/:id/, 'customer'],
    [/^\/api\/channels\/groups\/:id/, 'channelGroup'],
    [/^\/api\/channels\/:id/, 'channel'],
    [/^\/api\/group-codes\/:id/, 'groupCode'],
    [/^\/api\/stores\/:id/, 'store'],
    [/^\/api\/store-codes\/:id/, 'storeCode'],
    [/^\/s\/:corpId\/:id/, 'storeCode'],
    [/^\/api\/pipelines\/:id/, 'pipeline'],
    [/^\/api\/stages\/:id/, 'stage'],
    [/^\/api\/segments\/:id/, 'segment'],
    [/^\/api\/fission\/campaigns\/:id/, 'campaign'],
    [/^\/api\/leads\/batches\/:id/, 'leadBatch'],
    [/^\/api\/leads\/:id/, 'lead'],
    [/^\/api\/custom-fields\/:id/, 'customField'],
    [/^\/api\/users\/:id/, 'user'],
    [/^\/api\/api-keys\/:id/, 'apiKey'],
  ];
  for (const [re, kind] of rules) if (re.test(p)) return kind;
  return null;
}

/** A real value of corp `corp` for each path parameter (a fresh uuid where the corp has none of that kind). */
export function realPathValues(op: Operation, corp: SeededCorp): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of op.params.filter((x) => x.in === 'path')) {
    const kind = kindOf(op.url, p.name);
    if (kind === 'corpId') out[p.name] = corp.corpId;
    else if (kind === 'file') out[p.name] = 'qr.png';
    else out[p.name] = (kind && corp.ids[kind]?.[0]) ?? randomUUID();
  }
  return out;
}

export function fillUrl(url: string, values: Record<string, string>, encode = true): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => (encode ? encodeURIComponent(values[name] ?? 'x') : (values[name] ?? 'x')));
}

/** The role a walker uses for an operation: admin when allowed, else the first role allowed; none when public. */
export function roleFor(access: Access): Role | null {
  if (access === 'public') return null;
  if (access === 'authenticated') return 'admin';
  return access.includes('admin') ? 'admin' : access[0];
}

export const isWrite = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method);
