import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, createCorpWithRoles, login, startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { LOGIN_RATE_LIMIT: '5' } });
});
afterAll(async () => app?.cleanup());

describe('first-admin bootstrap and login', () => {
  it('sets up the first admin once, then refuses', async () => {
    expect((await app.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needsSetup: true });
    const body = { corpName: '测试企业', email: 'Boss@Example.com', name: 'Boss', password: PASSWORD };
    const first = await app.app.inject({ method: 'POST', url: '/api/setup', payload: body });
    expect(first.statusCode).toBe(201);
    const again = await app.app.inject({ method: 'POST', url: '/api/setup', payload: { ...body, email: 'other@example.com' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('setup_done');
    expect((await app.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needsSetup: false });
  });

  it('stores an argon2id hash, never the password', async () => {
    const { rows } = await app.ctx.database.ownerSql(`SELECT password_hash FROM users WHERE email = 'boss@example.com'`);
    const hash = (rows[0] as { password_hash: string }).password_hash;
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).not.toContain(PASSWORD);
  });

  it('logs in with an httpOnly cookie, reads /me, logs out', async () => {
    const res = await app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'boss@example.com', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/siyu_sid=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    const cookie = setCookie.split(';')[0];
    const me = await app.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.role).toBe('admin');
    expect(me.json().corp.name).toBe('测试企业');
    expect(me.json().modules).toContain('dashboard');
    expect((await app.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await app.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('rejects a wrong password with a clear code in the caller language', async () => {
    const res = await app.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US' },
      payload: { email: 'boss@example.com', password: 'wrong-password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'invalid_credentials', message: 'Wrong email or password' });
  });

  it('changes the password: old one stops working, other sessions end', async () => {
    const cookie1 = await login(app, 'boss@example.com');
    const cookie2 = await login(app, 'boss@example.com');
    const wrong = await app.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: cookie1 }, payload: { currentPassword: 'nope', newPassword: 'new-password-1' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('wrong_password');
    const ok = await app.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: cookie1 }, payload: { currentPassword: PASSWORD, newPassword: 'new-password-1' } });
    expect(ok.statusCode).toBe(204);
    expect((await app.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookie1 } })).statusCode).toBe(200);
    expect((await app.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookie2 } })).statusCode).toBe(401);
    await expect(login(app, 'boss@example.com', 'new-password-1')).resolves.toMatch(/siyu_sid=/);
  });

  it('rate-limits repeated login attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'victim@example.com', password: `guess-${i}` } });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('a session on each request', () => {
  it('follows the member as they are now: a new role at once, removed or expired means signed out', async () => {
    const s = await createCorpWithRoles(app, 'session_corp');
    const me = (cookie: string) => app.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect((await me(s.operator.cookie)).json().user.role).toBe('operator');
    const patch = (id: string, payload: Record<string, string>) => app.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { cookie: s.admin.cookie }, payload });
    expect((await patch(s.operator.userId, { role: 'analyst' })).statusCode).toBe(200);
    expect((await me(s.operator.cookie)).json().user.role).toBe('analyst');
    const removed = await app.app.inject({ method: 'DELETE', url: `/api/users/${s.operator.userId}`, headers: { cookie: s.admin.cookie } });
    expect(removed.statusCode).toBe(204);
    expect((await me(s.operator.cookie)).statusCode).toBe(401);
    // a session past its expiry is no session, though its row is still there
    expect((await me(s.staff.cookie)).statusCode).toBe(200);
    await app.ctx.database.ownerSql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [s.staff.userId]);
    expect((await me(s.staff.cookie)).statusCode).toBe(401);
    expect((await me(s.analyst.cookie)).statusCode).toBe(200);
  });
});
