import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCorpWithRoles, startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.cleanup());

describe('operations endpoints', () => {
  it('reports health and readiness with the database kind', async () => {
    expect((await app.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().database).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('exposes Prometheus metrics including request durations by route', async () => {
    const s = await createCorpWithRoles(app, 'metrics_corp');
    await app.app.inject({ method: 'GET', url: '/api/customers', headers: { cookie: s.admin.cookie } });
    const res = await app.app.inject('/metrics');
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toContain('siyu_process_resident_memory_bytes');
    expect(res.body).toMatch(/siyu_http_request_duration_seconds_count\{method="GET",route="\/api\/customers",status="200"\} 1/);
  });

  it('publishes an OpenAPI document that lists every /api route', async () => {
    const res = await app.app.inject('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const r of app.routes) {
      const p = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[p]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    }
  });
});
