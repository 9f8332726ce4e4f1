// Named permissions changed no route's audience: for every /api route, the roles its permission lets in are the roles
// it listed before (fixtures/route-roles.before.json, generated from siyu.routes before the change; a new route is added
// to it by hand, as the reviewed statement of who may call it), and no route lists roles any more.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, ROLE_PERMISSIONS } from '@siyu/contracts';
import { startTestApp, type TestApp } from '../helpers/test-app';

type Before = Record<string, 'public' | 'authenticated' | string[]>;
const before = JSON.parse(fs.readFileSync(new URL('./fixtures/route-roles.before.json', import.meta.url), 'utf8')) as Before;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.cleanup();
});

describe('route permissions', () => {
  it('let in exactly the roles each route allowed before', () => {
    const now: Before = {};
    for (const r of app.routes) now[`${r.method} ${r.url}`] = typeof r.access === 'string' ? r.access : [...r.access].sort();
    expect(Object.keys(now).sort()).toEqual(Object.keys(before).sort());
    for (const [route, roles] of Object.entries(before)) expect(now[route], route).toEqual(roles);
  });

  it('are named on every route that is neither public nor for any signed-in user', () => {
    const unnamed = app.routes.filter((r) => Array.isArray(r.access) && !r.permission).map((r) => `${r.method} ${r.url}`);
    expect(unnamed).toEqual([]);
  });

  it('give the analyst only reads', () => {
    const analystWrites = app.routes.filter((r) => r.method !== 'GET' && Array.isArray(r.access) && r.access.includes('analyst'));
    // Searching, previewing and an SOP's dry run are POSTs that change nothing.
    expect(analystWrites.map((r) => r.url).sort()).toEqual(['/api/customers/search', '/api/segments/preview', '/api/sop/flows/:id/dry-run']);
    for (const role of ROLES) expect(new Set(ROLE_PERMISSIONS[role]).size).toBe(ROLE_PERMISSIONS[role].length);
  });
});
