import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSiyu, type CreateOptions, type Siyu } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import type { Role } from '../../src/db/schema';
import { createCorpWithAdmin } from '../../src/modules/auth/auth.repo';
import { hashPassword } from '../../src/modules/auth/password';
import { freshDatabaseUrl, fromPgliteTemplate } from './test-db';
import pino from 'pino';

export const PASSWORD = 'correct-horse-battery';

export type TestApp = Siyu & { config: Config; dataDir: string; cleanup(): Promise<void> };

export type TestAppOptions = {
  env?: Record<string, string>;
  dataDir?: string;
  databaseUrl?: string | null;
  keepData?: boolean;
  beforeStart?: CreateOptions['beforeStart'];
  logger?: CreateOptions['logger'];
  modules?: CreateOptions['modules'];
  sop?: CreateOptions['sop'];
};

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-test-'));
  const fresh = options.databaseUrl === undefined ? await freshDatabaseUrl() : { url: options.databaseUrl, drop: async () => {} };
  if (!fresh.url) fromPgliteTemplate(dataDir);
  const config = loadConfig({
    SIYU_DATA_DIR: dataDir,
    DATABASE_URL: fresh.url ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
    SIYU_DEMO: 'false',
    SIYU_SANDBOX: 'false',
    LOGIN_RATE_LIMIT: '1000',
    JOB_POLL_SECONDS: '0.5',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const siyu = await createSiyu(config, { logger: options.logger ?? pino({ level: 'silent' }), beforeStart: options.beforeStart, modules: options.modules, sop: options.sop });
  return Object.assign(siyu, {
    config,
    dataDir,
    async cleanup() {
      await siyu.stop();
      if (!options.keepData) {
        await fresh.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  });
}

export type Session = { cookie: string; role: Role; userId: string; corpId: string };

export async function login(app: TestApp, email: string, password = PASSWORD): Promise<string> {
  const res = await app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'siyu_sid');
  return `siyu_sid=${cookie!.value}`;
}

// Adds a user the way the console does: the admin invites, the invitee opens the link and accepts with a password
// (an existing account's own, or a new one), which signs them in to the corp.
export async function inviteAndAccept(
  app: TestApp,
  adminCookie: string,
  user: { email: string; name: string; role: Role; staffUserid?: string },
  password = PASSWORD,
): Promise<{ cookie: string; userId: string }> {
  const invited = await app.app.inject({ method: 'POST', url: '/api/users', headers: { cookie: adminCookie }, payload: user });
  if (invited.statusCode !== 201) throw new Error(`invite ${user.email}: ${invited.statusCode} ${invited.body}`);
  const token = String(invited.json().inviteUrl).split('/invite/')[1];
  const accepted = await app.app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { password } });
  if (accepted.statusCode !== 200) throw new Error(`accept ${user.email}: ${accepted.statusCode} ${accepted.body}`);
  const cookie = accepted.cookies.find((c) => c.name === 'siyu_sid');
  return { cookie: `siyu_sid=${cookie!.value}`, userId: accepted.json().user.id };
}

// PASSWORD's hash, made once per test process: argon2id takes 0.3-0.9 s on this 2-core machine, and every corp a test
// file creates needs it (the invitations and sign-ins below still hash and verify as the server does).
let passwordHashOnce: Promise<string> | undefined;

// A corp with one user per role, all logged in.
export async function createCorpWithRoles(app: TestApp, corpId: string): Promise<Record<Role, Session>> {
  const passwordHash = await (passwordHashOnce ??= hashPassword(PASSWORD));
  const adminEmail = `admin@${corpId.replace(/_/g, '-')}.test`;
  const adminId = await createCorpWithAdmin(app.ctx.db, { corpId, corpName: `Corp ${corpId}`, email: adminEmail, name: 'Admin', passwordHash });
  const adminCookie = await login(app, adminEmail);
  const sessions = { admin: { cookie: adminCookie, role: 'admin', userId: adminId, corpId } } as Record<Role, Session>;
  for (const role of ['operator', 'staff', 'analyst'] as const) {
    const email = `${role}@${corpId.replace(/_/g, '-')}.test`;
    const user = await inviteAndAccept(app, adminCookie, { email, name: role, role, ...(role === 'staff' ? { staffUserid: 'staff_a' } : {}) });
    sessions[role] = { ...user, role, corpId };
  }
  return sessions;
}
