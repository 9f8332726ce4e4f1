import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSiyu, type CreateOptions, type Siyu } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import type { Role } from '../../src/db/schema';
import { createCorpWithAdmin } from '../../src/modules/auth/auth.repo';
import { hashPassword } from '../../src/modules/auth/password';
import { freshDatabaseUrl } from './test-db';
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
};

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-test-'));
  const fresh = options.databaseUrl === undefined ? await freshDatabaseUrl() : { url: options.databaseUrl, drop: async () => {} };
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
  const siyu = await createSiyu(config, { logger: options.logger ?? pino({ level: 'silent' }), beforeStart: options.beforeStart });
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

// A corp with one user per role, all logged in.
export async function createCorpWithRoles(app: TestApp, corpId: string): Promise<Record<Role, Session>> {
  const passwordHash = await hashPassword(PASSWORD);
  const adminEmail = `admin@${corpId.replace(/_/g, '-')}.test`;
  const adminId = await createCorpWithAdmin(app.ctx.db, { corpId, corpName: `Corp ${corpId}`, email: adminEmail, name: 'Admin', passwordHash });
  const adminCookie = await login(app, adminEmail);
  const sessions = { admin: { cookie: adminCookie, role: 'admin', userId: adminId, corpId } } as Record<Role, Session>;
  for (const role of ['operator', 'staff', 'analyst'] as const) {
    const email = `${role}@${corpId.replace(/_/g, '-')}.test`;
    const res = await app.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: adminCookie },
      payload: { email, name: role, role, password: PASSWORD, ...(role === 'staff' ? { staffUserid: 'staff_a' } : {}) },
    });
    if (res.statusCode !== 201) throw new Error(`add ${role}: ${res.body}`);
    sessions[role] = { cookie: await login(app, email), role, userId: res.json().id, corpId };
  }
  return sessions;
}
