// Sign-in limits per account and per client address that neither an email's case nor a forged X-Forwarded-For
// evades, and that refuse even the right password while in force (issue 9, finding 4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { ADDRESS_SHARE } from '../../src/modules/auth/login-limiter';
import { createCorpWithAdmin } from '../../src/modules/auth/auth.repo';
import { hashPassword } from '../../src/modules/auth/password';
import { PASSWORD, startTestApp, type TestApp } from '../helpers/test-app';

const LIMIT = 2; // failed sign-ins per account per minute
const ADDRESS_LIMIT = LIMIT * ADDRESS_SHARE; // per client address
let direct: TestApp; // TRUST_PROXY unset: the socket address is the client
let proxied: TestApp; // TRUST_PROXY names the proxy in front

async function seedAccounts(app: TestApp) {
  const passwordHash = await hashPassword(PASSWORD);
  await createCorpWithAdmin(app.ctx.db, { corpId: 'limits', corpName: 'Limits', email: 'victim@limits.test', name: 'Victim', passwordHash });
  await createCorpWithAdmin(app.ctx.db, { corpId: 'limits_sprayed', corpName: 'Sprayed', email: 'sprayed@limits.test', name: 'Sprayed', passwordHash });
  await app.ctx.db.insertInto('users').values({ email: 'invitee@limits.test', name: 'Invitee', password_hash: passwordHash }).execute();
}

beforeAll(async () => {
  direct = await startTestApp({ env: { LOGIN_RATE_LIMIT: String(LIMIT) } });
  proxied = await startTestApp({ env: { LOGIN_RATE_LIMIT: String(LIMIT), TRUST_PROXY: '10.0.0.1' } });
  await seedAccounts(direct);
  await seedAccounts(proxied);
}, 180_000);
afterAll(async () => Promise.all([direct?.cleanup(), proxied?.cleanup()]));

const signIn = (app: TestApp, email: string, password: string, from: { remoteAddress?: string; forwardedFor?: string } = {}) =>
  app.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    ...(from.remoteAddress ? { remoteAddress: from.remoteAddress } : {}),
    headers: from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {},
  });

describe('login limit per account', () => {
  it('does not count good sign-ins', async () => {
    for (let i = 0; i < LIMIT + 2; i++) expect((await signIn(direct, 'victim@limits.test', PASSWORD)).statusCode).toBe(200);
  });

  it('gives case-changed emails one budget, from any address, and then refuses the right password with 429', async () => {
    const variants = ['Victim@limits.test', 'VICTIM@LIMITS.TEST'];
    expect(variants).toHaveLength(LIMIT);
    for (const [i, email] of variants.entries()) {
      const res = await signIn(direct, email, `guess-${i}`, { remoteAddress: `192.0.2.${i + 1}` });
      expect(res.statusCode).toBe(401);
    }
    const right = await signIn(direct, 'victim@limits.test', PASSWORD, { remoteAddress: '192.0.2.50' });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('rate_limited');
    expect(right.cookies.find((c) => c.name === 'siyu_sid')).toBeUndefined();
  });
});

describe('login limit per client address', () => {
  it('ignores X-Forwarded-For when TRUST_PROXY is unset: rotating it does not reset the budget', async () => {
    for (let i = 0; i < ADDRESS_LIMIT; i++) {
      const res = await signIn(direct, `nobody${i}@limits.test`, 'guess', { remoteAddress: '198.51.100.7', forwardedFor: `203.0.113.${i}` });
      expect(res.statusCode).toBe(401);
    }
    const next = await signIn(direct, 'sprayed@limits.test', PASSWORD, { remoteAddress: '198.51.100.7', forwardedFor: '203.0.113.99' });
    expect(next.statusCode).toBe(429);
    expect(next.json().code).toBe('rate_limited');
    // another address is not affected
    expect((await signIn(direct, 'sprayed@limits.test', PASSWORD, { remoteAddress: '198.51.100.8' })).statusCode).toBe(200);
  });

  it('honours X-Forwarded-For from the proxy named in TRUST_PROXY, and only from it', async () => {
    for (let i = 0; i < ADDRESS_LIMIT; i++) {
      const res = await signIn(proxied, `nobody${i}@limits.test`, 'guess', { remoteAddress: '10.0.0.1', forwardedFor: '203.0.113.1' });
      expect(res.statusCode).toBe(401);
    }
    // the client behind the proxy is limited; another client behind the same proxy is not
    expect((await signIn(proxied, 'sprayed@limits.test', PASSWORD, { remoteAddress: '10.0.0.1', forwardedFor: '203.0.113.1' })).statusCode).toBe(429);
    expect((await signIn(proxied, 'sprayed@limits.test', PASSWORD, { remoteAddress: '10.0.0.1', forwardedFor: '203.0.113.2' })).statusCode).toBe(200);
    // a peer that is not the proxy cannot pick its address with the header
    for (let i = 0; i < ADDRESS_LIMIT; i++) {
      await signIn(proxied, `other${i}@limits.test`, 'guess', { remoteAddress: '198.51.100.9', forwardedFor: `203.0.113.${100 + i}` });
    }
    expect((await signIn(proxied, 'sprayed@limits.test', PASSWORD, { remoteAddress: '198.51.100.9', forwardedFor: '203.0.113.50' })).statusCode).toBe(429);
  });

  it('reads TRUST_PROXY as off by default, true/false, a hop count or a list of addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    const hops = loadConfig({ TRUST_PROXY: '1' }).trustProxy;
    expect(typeof hops === 'function' && [hops('10.0.0.1', 0), hops('10.0.0.2', 1)]).toEqual([true, false]);
  });
});

describe('accepting an invitation', () => {
  it('spends the same budget as signing in: wrong passwords on the link limit the account', async () => {
    const owner = await startOwner();
    const invited = await direct.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: owner }, payload: { email: 'Invitee@limits.test', name: 'x', role: 'analyst' } });
    const token = String(invited.json().inviteUrl).split('/invite/')[1];
    for (let i = 0; i < LIMIT; i++) {
      const res = await direct.app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { password: `guess-${i}-long` }, remoteAddress: `192.0.2.${100 + i}` });
      expect(res.statusCode).toBe(401);
    }
    const right = await direct.app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { password: PASSWORD }, remoteAddress: '192.0.2.150' });
    expect(right.statusCode).toBe(429);
    expect((await signIn(direct, 'invitee@limits.test', PASSWORD, { remoteAddress: '192.0.2.151' })).statusCode).toBe(429);
  });
});

// A second corp's admin, signed in from its own address.
async function startOwner(): Promise<string> {
  await createCorpWithAdmin(direct.ctx.db, { corpId: 'limits_2', corpName: 'Limits 2', email: 'owner@limits.test', name: 'Owner', passwordHash: await hashPassword(PASSWORD) });
  const res = await signIn(direct, 'owner@limits.test', PASSWORD, { remoteAddress: '192.0.2.222' });
  return `siyu_sid=${res.cookies.find((c) => c.name === 'siyu_sid')!.value}`;
}
