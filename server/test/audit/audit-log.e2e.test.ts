// The audit log's reader, end to end: an admin's actions (an API key created and revoked, the webhook secret rotated,
// a script written) and the system's (events sent with the key) come back newest first with the actor's name, and
// are searched by who (a user, or 'system'), what (an action or its prefix) and when, a page at a time; only the
// admin may read it, another corp's entries never show, and a bad query answers 400 with a code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditList } from '@siyu/contracts';
import type { Role } from '../../src/db/schema';
import { createCorpWithRoles, startTestApp, type Session, type TestApp } from '../helpers/test-app';

let app: TestApp;
let s: Record<Role, Session>;
let other: Record<Role, Session>;
let started: string;
let baseline = 0;

const call = (who: Session, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  app.app.inject({ method, url, headers: { cookie: who.cookie }, ...(payload ? { payload } : {}) });
const audit = async (query = '', who = s.admin): Promise<AuditList> => {
  const res = await call(who, 'GET', `/api/audit${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AuditList;
};

beforeAll(async () => {
  app = await startTestApp();
  s = await createCorpWithRoles(app, 'au_corp');
  other = await createCorpWithRoles(app, 'au_other');
  baseline = Number((await audit('?limit=1')).items[0]?.id ?? 0);
  started = new Date().toISOString();
  const created = await call(s.admin, 'POST', '/api/api-keys', { name: 'shop', scopes: ['events:write'] });
  expect(created.statusCode).toBe(201);
  const key = created.json().key as string;
  const sent = await app.app.inject({ method: 'POST', url: '/api/events', headers: { authorization: `Bearer ${key}` }, payload: { events: [{ id: 'a1', type: 'page_view', customer: { phone: '13800000009' } }] } });
  expect(sent.statusCode).toBe(200);
  expect((await call(s.admin, 'DELETE', `/api/api-keys/${created.json().id}`)).statusCode).toBe(204);
  expect((await call(s.admin, 'POST', '/api/events/webhook/rotate')).statusCode).toBe(200);
  expect((await call(other.admin, 'POST', '/api/events/webhook/rotate')).statusCode).toBe(200);
});
afterAll(async () => app?.cleanup());

describe('audit log', () => {
  it('lists who did what, newest first, with names', async () => {
    const all = await audit();
    const mine = all.items.filter((e) => Number(e.id) > baseline);
    expect(mine.map((e) => e.action)).toEqual(['events.webhook_rotate', 'api_key.revoke', 'events.ingest', 'api_key.create']);
    expect(mine[0].actor).toEqual({ userId: s.admin.userId, name: 'Admin', email: 'admin@au-corp.test' });
    expect(mine[2].actor).toBeNull();
    expect(mine[3].detail).toEqual({ name: 'shop', scopes: ['events:write'] });
    expect(all.actors.map((a) => a.name).sort()).toEqual(['Admin', 'analyst', 'operator', 'staff']);
    // Another corp's rotation is not here.
    expect(all.items.filter((e) => e.action === 'events.webhook_rotate')).toHaveLength(1);
  });

  it('searches by who, what and when, a page at a time', async () => {
    expect((await audit('?actor=system')).items.every((e) => e.actor === null)).toBe(true);
    expect((await audit('?actor=system')).items.map((e) => e.action)).toContain('events.ingest');
    const byAdmin = await audit(`?actor=${s.admin.userId}`);
    expect(byAdmin.items.length).toBeGreaterThan(0);
    expect(byAdmin.items.every((e) => e.actor?.userId === s.admin.userId)).toBe(true);
    expect((await audit('?action=api_key')).items.map((e) => e.action)).toEqual(['api_key.revoke', 'api_key.create']);
    expect((await audit('?action=api_key.create')).items).toHaveLength(1);
    expect((await audit(`?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).items).toEqual([]);
    expect((await audit(`?to=${encodeURIComponent(started)}&action=api_key`)).items).toEqual([]);
    const first = await audit('?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.next).toBe(first.items[1].id);
    const second = await audit(`?limit=2&before=${first.next}`);
    expect(Number(second.items[0].id)).toBeLessThan(Number(first.items[1].id));
    const whole = await audit('?limit=200');
    expect(whole.next).toBeNull();
  });

  it('is for the admin only and refuses a bad query with a code', async () => {
    for (const role of ['operator', 'staff', 'analyst'] as const) expect((await call(s[role], 'GET', '/api/audit')).statusCode).toBe(403);
    for (const q of ['?actor=nobody', '?limit=0', '?action=DROP%20TABLE', '?from=yesterday', '?before=abc', '?unknown=1']) {
      const res = await call(s.admin, 'GET', `/api/audit${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(typeof res.json().code, q).toBe('string');
    }
  });
});
