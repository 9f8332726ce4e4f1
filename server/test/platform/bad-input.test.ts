import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema';
import { withCorp } from '../../src/db/tenancy';
import { hashToken, newToken, SIDEBAR_COOKIE } from '../../src/modules/sidebar/sidebar-auth';
import { insertSession } from '../../src/modules/sidebar/sidebar-session.repo';
import { createCorpWithRoles, startTestApp, type Session, type TestApp } from '../helpers/test-app';
import { fillPath, sample, wrongType } from '../helpers/schema-sample';

let app: TestApp;
let sessions: Record<Role, Session>;
/** The sidebar's own session (a staff member signed in through WeCom OAuth), for the routes behind it. */
let sidebarCookie = '';

beforeAll(async () => {
  app = await startTestApp();
  sessions = await createCorpWithRoles(app, 'bad_input');
  const token = newToken();
  await withCorp(app.ctx.db, 'bad_input', async (tx) => {
    await tx.insertInto('staff').values({ corp_id: 'bad_input', userid: 'staff_a', name: '导购' }).onConflict((oc) => oc.doNothing()).execute();
    await insertSession(tx, 'bad_input', hashToken(token), 'staff_a', new Date(Date.now() + 3_600_000));
  });
  sidebarCookie = `${SIDEBAR_COOKIE}=bad_input.${token}`;
});
afterAll(async () => app?.cleanup());

function cookieFor(access: unknown, url = ''): string | undefined {
  if (access === 'public') return url.startsWith('/api/sidebar/') ? sidebarCookie : undefined;
  if (access === 'authenticated') return sessions.admin.cookie;
  const roles = access as Role[];
  return sessions[roles.includes('admin') ? 'admin' : roles[0]].cookie;
}

type Case = { name: string; payload: string; contentType?: string; expect?: number };

/** Routes that take a file inside their JSON body have a bodyLimit of their own above the 1 MiB default. */
const BODY_LIMITS: Record<string, number> = { 'POST /api/materials': 28 * 1024 * 1024 + 64 * 1024 };

function casesFor(body: object, limit = 1_048_576): Case[] {
  const valid = sample(body) as Record<string, unknown>;
  const first = Object.keys(valid)[0];
  const cases: Case[] = [
    { name: 'malformed JSON', payload: '{"email": "a@b.co", ', expect: 400 },
    { name: 'an array instead of an object', payload: '[1, 2, 3]', expect: 400 },
    { name: 'a string instead of an object', payload: '"hello"', expect: 400 },
    { name: 'an unknown field', payload: JSON.stringify({ ...valid, unexpectedField: 'x' }), expect: 400 },
    { name: 'an oversized body', payload: JSON.stringify({ ...valid, blob: 'x'.repeat(limit + 60_000) }), expect: 413 },
    { name: 'form encoding', payload: 'a=1', contentType: 'application/x-www-form-urlencoded', expect: 415 },
  ];
  if (first) cases.push({ name: `a wrong type for ${first}`, payload: JSON.stringify({ ...valid, [first]: wrongType(valid[first]) }), expect: 400 });
  return cases;
}

describe('bad input gets a 4xx with a code, never a 500', () => {
  it('rejects malformed, mistyped, oversized and unknown-field bodies on every route that takes one', async () => {
    const withBody = app.routes.filter((r) => r.body);
    expect(withBody.length).toBeGreaterThanOrEqual(6);
    for (const route of withBody) {
      for (const c of casesFor(route.body as object, BODY_LIMITS[`${route.method} ${route.url}`])) {
        const cookie = cookieFor(route.access, route.url);
        const res = await app.app.inject({
          method: route.method as 'POST',
          url: fillPath(route.url),
          payload: c.payload,
          headers: { 'content-type': c.contentType ?? 'application/json', ...(cookie ? { cookie } : {}) },
        });
        const label = `${route.method} ${route.url} with ${c.name}`;
        expect(res.statusCode, label).toBe(c.expect);
        const body = res.json();
        expect(typeof body.code, label).toBe('string');
        expect(typeof body.message, label).toBe('string');
      }
    }
  });

  it('rejects bad query strings and path ids with 400', async () => {
    for (const route of app.routes.filter((r) => r.method === 'GET' && r.access !== 'public')) {
      const cookie = cookieFor(route.access)!;
      const url = fillPath(route.url).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, 'not-a-uuid');
      const res = await app.app.inject({ method: 'GET', url: `${url}?page=-5&pageSize=abc&unknown=1`, headers: { cookie } });
      expect(res.statusCode, `${route.url}`).toBeLessThan(500);
      if (route.querystring || url !== fillPath(route.url)) expect(res.statusCode, route.url).toBe(400);
    }
  });

  it('answers unknown API paths with a 404 code', async () => {
    const res = await app.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});
