import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { adminOf } from './platform-helpers';

// Finding 3 of issue 9: a page on another port of the same host (same-site, so it gets the lax cookie) rotated the
// webhook secret with a text/plain form post. State-changing requests must come from Siyu's own origin.
let app: TestApp;
let cookie: string;
const HOST = 'siyu.example.test:3000';

beforeAll(async () => {
  app = await startTestApp({ env: { PUBLIC_URL: 'https://crm.example.test' } });
  cookie = (await adminOf(app, 'csrf_corp')).cookie;
});
afterAll(async () => app?.cleanup());

async function webhookSecret(): Promise<string> {
  const res = await app.app.inject({ method: 'GET', url: '/api/events/webhook', headers: { cookie, host: HOST } });
  expect(res.statusCode).toBe(200);
  return res.json().secret;
}

function rotate(headers: Record<string, string>, payload?: string) {
  return app.app.inject({ method: 'POST', url: '/api/events/webhook/rotate', payload, headers: { cookie, host: HOST, ...headers } });
}

describe('cross-site requests are refused', () => {
  it('refuses a write from another port of the same host and changes nothing', async () => {
    const before = await webhookSecret();
    const cases: Record<string, string>[] = [
      { origin: 'http://siyu.example.test:4000' },
      { origin: 'http://siyu.example.test:4000', 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ];
    for (const headers of cases) {
      const res = await rotate({ ...headers, 'content-type': 'application/json' }, '{}');
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().code).toBe('cross_site_request');
    }
    const form = await rotate({ origin: 'http://siyu.example.test:4000', 'content-type': 'text/plain' }, 'x=1');
    expect(form.statusCode).toBe(403);
    expect(await webhookSecret()).toBe(before);
  });

  it('lets the console, a typed URL, PUBLIC_URL and non-browser clients write', async () => {
    const cases: Record<string, string>[] = [
      { 'sec-fetch-site': 'same-origin', origin: 'http://siyu.example.test:3000' },
      { 'sec-fetch-site': 'none' },
      { origin: 'http://siyu.example.test:3000' },
      { origin: 'https://siyu.example.test:3000' },
      { origin: 'https://crm.example.test' },
      {},
    ];
    for (const headers of cases) {
      const before = await webhookSecret();
      const res = await rotate(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(200);
      expect(await webhookSecret()).not.toBe(before);
    }
  });

  it('refuses a cross-site login (login CSRF) but lets GET pages load from links', async () => {
    const login = await app.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' }, payload: { email: 'admin@csrf-corp.test', password: 'x' } });
    expect(login.statusCode).toBe(403);
    const me = await app.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    expect(me.statusCode).toBe(200);
  });

  it('keeps machine endpoints callable from anywhere: they answer their own authentication error', async () => {
    const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' };
    const events = await app.app.inject({ method: 'POST', url: '/api/events', headers: { ...evil, authorization: 'Bearer sk_nope_nope_nope' }, payload: { events: [{}] } });
    expect(events.statusCode).toBe(401);
    expect(events.json().code).toBe('invalid_api_key');
    const hook = await app.app.inject({ method: 'POST', url: '/hooks/events/csrf_corp', headers: { ...evil, 'x-siyu-signature': 'sha256=00' }, payload: { events: [{}] } });
    expect(hook.statusCode).toBe(401);
    expect(hook.json().code).toBe('invalid_signature');
    const callback = await app.app.inject({ method: 'POST', url: '/wecom/callback/csrf_corp?msg_signature=a&timestamp=1&nonce=n', headers: { ...evil, 'content-type': 'text/xml' }, payload: '<xml></xml>' });
    expect(callback.statusCode).not.toBe(403);
    expect(callback.statusCode).toBeLessThan(500);
  });
});

describe('/api takes JSON bodies only', () => {
  it('answers a text/plain body with 415 unsupported_media_type and changes nothing', async () => {
    const before = await webhookSecret();
    const res = await rotate({ 'content-type': 'text/plain' }, '{}');
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('unsupported_media_type');
    expect(await webhookSecret()).toBe(before);
    const rename = await app.app.inject({ method: 'PATCH', url: '/api/corp', headers: { cookie, 'content-type': 'text/plain' }, payload: '{"name":"Renamed"}' });
    expect(rename.statusCode).toBe(415);
  });
});
