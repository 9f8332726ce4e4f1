// Every /api route states its contract: the shape of its success answer (Fastify serializes with it, so a field left
// out never leaves, and a secret never can), and a schema for each input it reads (path params, body, query string).
// Read from the route table the app builds; a handler that reads req.body / req.query without a schema is caught from
// its source. Only routes that send a file or redirect may go without a response schema, listed below; and no answer
// may name a stored secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HTTPMethods } from 'fastify';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** Routes whose success answer is not JSON, each with why. */
const NOT_JSON: Record<string, string> = {
  'GET /api/materials/:id/file': "sends the material's bytes with the material's own media type (image, PDF, video)",
  'GET /api/sidebar/oauth': 'redirects (302) to WeCom sign-in; no body',
  'GET /api/sidebar/oauth/callback': 'redirects (302) back to the sidebar page; no body',
};

/** Stored secrets and credentials: no answer may name them (the serializer drops what the schema does not name). The
 *  API key (POST /api/api-keys, once) and the webhook signing secret are shown to the admin on purpose. */
const NEVER_ANSWERED = /^(password|passwordHash|password_hash|tokenHash|token_hash|keyHash|key_hash|contactSecret|contact_secret|appSecret|app_secret|callbackAesKey|callback_aes_key|sessionToken|sid)$/i;

function propertyNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) propertyNames(s, out);
  else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'properties' && v && typeof v === 'object') for (const name of Object.keys(v)) out.add(name);
      propertyNames(v, out);
    }
  }
  return out;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.cleanup());

function successSchema(response: unknown): boolean {
  if (!response || typeof response !== 'object') return false;
  return Object.entries(response).some(([code, schema]) => /^2(\d\d|xx)$/.test(code) && schema !== undefined && schema !== null);
}

function handlerSource(method: string, url: string): string {
  const found = app.app.findRoute({ method: method as HTTPMethods, url });
  return found ? String(found.handler) : '';
}

describe('route contracts', () => {
  it('every /api route declares a schema for its success answer', () => {
    const missing = app.routes.filter((r) => !successSchema(r.response) && !NOT_JSON[`${r.method} ${r.url}`]).map((r) => `${r.method} ${r.url}`);
    console.log(`[route contracts] ${app.routes.length - missing.length} of ${app.routes.length} /api routes declare a response schema`);
    expect(missing).toEqual([]);
  });

  it('the allowlist names only routes that exist and still have no response schema', () => {
    const byKey = new Map(app.routes.map((r) => [`${r.method} ${r.url}`, r]));
    for (const key of Object.keys(NOT_JSON)) {
      expect(byKey.has(key), key).toBe(true);
      expect(successSchema(byKey.get(key)?.response), key).toBe(false);
    }
  });

  it('no answer names a stored secret or credential', () => {
    const leaks: string[] = [];
    for (const r of app.routes) for (const name of propertyNames(r.response)) if (NEVER_ANSWERED.test(name)) leaks.push(`${r.method} ${r.url}: ${name}`);
    expect(leaks).toEqual([]);
  });

  it('every input a route reads has a schema', () => {
    const missing: string[] = [];
    for (const r of app.routes) {
      const key = `${r.method} ${r.url}`;
      const source = handlerSource(r.method, r.url);
      if (!source) missing.push(`${key}: handler not found`);
      if (r.url.includes('/:') && !r.params) missing.push(`${key}: params`);
      if (/\.body\b/.test(source) && !r.body) missing.push(`${key}: body`);
      if (/\.query\b/.test(source) && !r.querystring) missing.push(`${key}: querystring`);
    }
    expect(missing).toEqual([]);
  });
});

