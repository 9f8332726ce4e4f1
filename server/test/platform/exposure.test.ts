import fs from 'node:fs';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createMetrics } from '../../src/http/metrics';
import { listenMetrics, registerMetricsRoute } from '../../src/http/metrics-endpoint';
import { registerErrorHandler } from '../../src/http/error-handler';
import { startTestApp, type TestApp } from '../helpers/test-app';

// Finding 10 of issue 9: no security headers, /metrics open to anyone, the sandbox (which hands out every secret
// without login) started by default.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.cleanup());

describe('security headers', () => {
  it('are on the API, errors, the console and the public pages', async () => {
    const urls = ['/api/auth/me', '/api/no-such-thing', '/healthz', '/p/fission/unknown-token', '/s/corp/unknown'];
    if (fs.existsSync(`${app.config.webDist}/index.html`)) urls.push('/', '/customers');
    for (const url of urls) {
      const res = await app.app.inject({ method: 'GET', url });
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toMatch(/^(same-origin|no-referrer)$/);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
    }
    const console = await app.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(console.headers['content-security-policy']).toContain("script-src 'self';");
    const page = await app.app.inject({ method: 'GET', url: '/p/fission/unknown-token' });
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('/metrics', () => {
  it('answers loopback clients by default, and refuses other and proxied clients', async () => {
    expect((await app.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
    const remote = await app.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7' });
    expect(remote.statusCode).toBe(403);
    expect(remote.body).not.toContain('siyu_');
    const proxied = await app.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(proxied.statusCode).toBe(403);
  });

  it('requires the bearer token when METRICS_TOKEN is set', async () => {
    const server = Fastify();
    registerErrorHandler(server);
    registerMetricsRoute(server, { metricsToken: 'm-token-123', metricsHost: '127.0.0.1', metricsPort: null }, createMetrics());
    const get = (headers: Record<string, string>) => server.inject({ method: 'GET', url: '/metrics', headers, remoteAddress: '203.0.113.7' });
    expect((await get({})).statusCode).toBe(401);
    expect((await get({ authorization: 'Bearer wrong' })).statusCode).toBe(401);
    const ok = await get({ authorization: 'Bearer m-token-123' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('siyu_process_resident_memory_bytes');
    await server.close();
  });

  it('moves to its own listener with METRICS_PORT and leaves the main port', async () => {
    const config = { metricsToken: null, metricsHost: '127.0.0.1', metricsPort: 0 };
    const server = Fastify();
    registerErrorHandler(server);
    registerMetricsRoute(server, config, createMetrics());
    expect((await server.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    const listener = await listenMetrics(config, createMetrics());
    try {
      const res = await fetch(`${listener!.url}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('siyu_process_resident_memory_bytes');
      expect((await fetch(`${listener!.url}/other`)).status).toBe(404);
    } finally {
      await listener?.close();
      await server.close();
    }
  });
});

describe('the WeCom sandbox', () => {
  it('is off in a production deployment and without the demo, on with the demo or when asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ demo: false, sandbox: false });
    expect(loadConfig({ SIYU_DEMO: 'false' })).toMatchObject({ demo: false, sandbox: false });
    expect(loadConfig({})).toMatchObject({ demo: true, sandbox: true });
    expect(loadConfig({ NODE_ENV: 'production', SIYU_DEMO: 'true' })).toMatchObject({ demo: true, sandbox: true });
    expect(loadConfig({ NODE_ENV: 'production', SIYU_SANDBOX: 'true' }).sandbox).toBe(true);
    expect(loadConfig({ SIYU_DEMO: 'true', SIYU_SANDBOX: 'false' }).sandbox).toBe(false);
  });
});
