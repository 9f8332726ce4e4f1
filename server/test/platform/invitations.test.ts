// Adding a user is an invitation its owner answers: an admin can neither capture another corp's account nor learn
// whether an email has one (issue 9, finding 1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema';
import { PASSWORD, createCorpWithRoles, login, startTestApp, type Session, type TestApp } from '../helpers/test-app';

let app: TestApp;
let a: Record<Role, Session>;
let b: Record<Role, Session>;

beforeAll(async () => {
  app = await startTestApp();
  a = await createCorpWithRoles(app, 'inv_a');
  b = await createCorpWithRoles(app, 'inv_b');
});
afterAll(async () => app?.cleanup());

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, cookie?: string, payload?: object) =>
  app.app.inject({ method, url, ...(cookie ? { headers: { cookie } } : {}), ...(payload ? { payload } : {}) });

const invite = (email: string, role: Role = 'analyst', cookie = a.admin.cookie) => call('POST', '/api/users', cookie, { email, name: '新同事', role });
const tokenOf = (res: { json(): { inviteUrl: string } }) => res.json().inviteUrl.split('/invite/')[1];

async function corpsOf(email: string): Promise<string[]> {
  const me = await call('GET', '/api/auth/me', await login(app, email));
  return (me.json().corps as Array<{ id: string }>).map((c) => c.id).sort();
}

async function accountExists(email: string): Promise<boolean> {
  const { rows } = await app.ctx.database.ownerSql('SELECT 1 FROM users WHERE email = $1', [email]);
  return rows.length > 0;
}

// Everything but the values that differ per invitation anyway.
const shape = (res: { statusCode: number; json(): Record<string, unknown> }) => {
  const body = res.json();
  return { status: res.statusCode, keys: Object.keys(body), role: body.role, status2: body.status, url: String(body.inviteUrl).replace(/[^/]+$/, 'TOKEN') };
};

describe('inviting another corp\'s account', () => {
  const bAdmin = 'admin@inv-b.test';

  it('answers exactly as for an unknown email: no id or name of the existing account', async () => {
    const existing = await invite(bAdmin);
    const unknown = await invite('nobody-yet@elsewhere.test');
    const member = await invite('operator@inv-a.test'); // already in this corp: still the same answer
    expect(existing.statusCode).toBe(201);
    expect(shape(existing)).toEqual(shape(unknown));
    expect(shape(member)).toEqual(shape(unknown));
    expect(existing.json()).toMatchObject({ email: bAdmin, role: 'analyst', status: 'pending' });
    expect(existing.body).not.toContain(b.admin.userId);
    expect(existing.json().id).not.toBe(b.admin.userId);
    expect(existing.body).not.toContain('"name"');
    expect(await accountExists('nobody-yet@elsewhere.test')).toBe(false);
  });

  it('leaves B\'s admin outside A: B logs in to B only, A\'s user list does not show them', async () => {
    expect(await corpsOf(bAdmin)).toEqual(['inv_b']);
    const users = await call('GET', '/api/users', a.admin.cookie);
    expect(users.json().items.map((u: { email: string }) => u.email)).not.toContain(bAdmin);
    const pending = await call('GET', '/api/invitations', a.admin.cookie);
    expect(pending.json().items.map((i: { email: string }) => i.email)).toContain(bAdmin);
  });

  it('shows the link\'s corp, email, role and inviter, and nothing about the account', async () => {
    const token = tokenOf(await invite(bAdmin, 'operator'));
    const view = await call('GET', `/api/invitations/${token}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ corpName: 'Corp inv_a', email: bAdmin, role: 'operator', inviterName: 'Admin' });
    expect(Object.keys(view.json()).sort()).toEqual(['corpName', 'email', 'expiresAt', 'id', 'inviterName', 'role']);
  });

  it('refuses a wrong password on accept, then lets B in with B\'s own password', async () => {
    const token = tokenOf(await invite(bAdmin, 'operator'));
    const wrong = await call('POST', `/api/invitations/${token}/accept`, undefined, { password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_credentials');
    expect(await corpsOf(bAdmin)).toEqual(['inv_b']);

    const ok = await call('POST', `/api/invitations/${token}/accept`, undefined, { password: PASSWORD, name: 'ignored for an existing account' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().corp.id).toBe('inv_a');
    expect(ok.json().user).toMatchObject({ id: b.admin.userId, role: 'operator', name: 'Admin' });
    expect(await corpsOf(bAdmin)).toEqual(['inv_a', 'inv_b']);
    // single use
    const again = await call('POST', `/api/invitations/${token}/accept`, undefined, { password: PASSWORD });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('invitation_invalid');
  });

  it('a decline leaves nothing: no account, no membership, and the link is spent', async () => {
    const token = tokenOf(await invite('decliner@elsewhere.test'));
    expect((await call('POST', `/api/invitations/${token}/decline`)).statusCode).toBe(204);
    expect(await accountExists('decliner@elsewhere.test')).toBe(false);
    expect((await call('POST', `/api/invitations/${token}/accept`, undefined, { password: 'a-new-password' })).statusCode).toBe(404);
    expect(await accountExists('decliner@elsewhere.test')).toBe(false);

    const other = tokenOf(await invite('operator@inv-b.test'));
    expect((await call('POST', `/api/invitations/${other}/decline`)).statusCode).toBe(204);
    expect(await corpsOf('operator@inv-b.test')).toEqual(['inv_b']);
  });
});

describe('a new email', () => {
  it('gets an account with the chosen password (at least 8 characters) and lands in the corp with the invited role', async () => {
    const token = tokenOf(await call('POST', '/api/users', a.admin.cookie, { email: 'New.Person@Example.test', name: '新人', role: 'staff', staffUserid: 'staff_a' }));
    const weak = await call('POST', `/api/invitations/${token}/accept`, undefined, { password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('weak_password');
    const ok = await call('POST', `/api/invitations/${token}/accept`, undefined, { password: 'brand-new-pass', name: '新同事' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ email: 'new.person@example.test', name: '新同事', role: 'staff' });
    const cookie = `siyu_sid=${ok.cookies.find((c) => c.name === 'siyu_sid')!.value}`;
    expect((await call('GET', '/api/auth/me', cookie)).json().corp.id).toBe('inv_a');
    await expect(login(app, 'new.person@example.test', 'brand-new-pass')).resolves.toMatch(/siyu_sid=/);
  });
});

describe('signed-in invitees and admins', () => {
  it('shows a signed-in user their own pending invitations to accept or decline, and nobody else\'s', async () => {
    await invite('analyst@inv-b.test', 'operator');
    await invite('staff@inv-b.test', 'operator');
    const mine = await call('GET', '/api/auth/invitations', b.analyst.cookie);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toHaveLength(1);
    expect(mine.json().items[0]).toMatchObject({ corpName: 'Corp inv_a', role: 'operator', email: 'analyst@inv-b.test' });
    const id = mine.json().items[0].id as string;

    expect((await call('POST', `/api/auth/invitations/${id}/accept`, b.staff.cookie)).statusCode).toBe(404);
    const accepted = await call('POST', `/api/auth/invitations/${id}/accept`, b.analyst.cookie);
    expect(accepted.json()).toEqual({ corpId: 'inv_a' });
    const switched = await call('POST', '/api/auth/switch-corp', b.analyst.cookie, { corpId: 'inv_a' });
    expect(switched.json().user.role).toBe('operator');
    expect((await call('GET', '/api/auth/invitations', b.analyst.cookie)).json().items).toEqual([]);

    const staffInv = (await call('GET', '/api/auth/invitations', b.staff.cookie)).json().items[0].id as string;
    expect((await call('POST', `/api/auth/invitations/${staffInv}/decline`, b.staff.cookie)).statusCode).toBe(204);
    expect(await corpsOf('staff@inv-b.test')).toEqual(['inv_b']);
  });

  it('lets an admin re-link and revoke a pending invitation, but not another corp\'s', async () => {
    const first = await invite('revoked@elsewhere.test');
    const id = first.json().id as string;
    const relinked = await call('POST', `/api/invitations/${id}/link`, a.admin.cookie);
    expect(relinked.statusCode).toBe(200);
    expect((await call('GET', `/api/invitations/${tokenOf(first)}`)).statusCode).toBe(404); // the old link is spent
    const token = tokenOf(relinked);
    expect((await call('GET', `/api/invitations/${token}`)).statusCode).toBe(200);

    expect((await call('DELETE', `/api/invitations/${id}`, b.admin.cookie)).statusCode).toBe(404);
    expect((await call('DELETE', `/api/invitations/${id}`, a.operator.cookie)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/invitations/${id}`, a.admin.cookie)).statusCode).toBe(204);
    expect((await call('GET', `/api/invitations/${token}`)).statusCode).toBe(404);
    expect((await call('GET', '/api/invitations', a.admin.cookie)).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('writes every invitation step to the corp\'s audit log', async () => {
    const { rows } = await app.ctx.database.ownerSql(`SELECT DISTINCT action FROM audit_log WHERE corp_id = 'inv_a' AND action LIKE 'invitation.%'`);
    expect((rows as Array<{ action: string }>).map((r) => r.action).sort()).toEqual([
      'invitation.accept',
      'invitation.create',
      'invitation.decline',
      'invitation.relink',
      'invitation.revoke',
    ]);
  });
});
