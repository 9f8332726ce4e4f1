// A Siyu instance for a benchmark: PGlite in a temp directory, or a fresh database on a PostgreSQL server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createSiyu, type Siyu } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { createCorpWithAdmin } from '../../server/src/modules/auth/auth.repo';
import { hashPassword } from '../../server/src/modules/auth/password';
import { createBenchDatabase } from './bench-database';

export type BenchInstance = { siyu: Siyu; cookie: string; stop(): Promise<void> };

export async function startBenchSiyu(corpId: string, postgresUrl: string | null): Promise<BenchInstance> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-'));
  let dbUrl = '';
  let drop = async () => {};
  if (postgresUrl) {
    const database = await createBenchDatabase(postgresUrl);
    dbUrl = database.url;
    drop = () => database.release();
  }
  const config = loadConfig({
    SIYU_DATA_DIR: dataDir,
    DATABASE_URL: dbUrl,
    SIYU_DEMO: 'false',
    SIYU_SANDBOX: 'false',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    JOB_POLL_SECONDS: '0.5',
  });
  const siyu = await createSiyu(config, { logger: pino({ level: 'silent' }) });
  const email = `bench@${corpId}.local`;
  await createCorpWithAdmin(siyu.ctx.db, {
    corpId,
    corpName: 'bench',
    email,
    name: 'bench',
    passwordHash: await hashPassword('bench-password-1'),
  });
  const res = await siyu.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: 'bench-password-1' },
  });
  const sid = res.cookies.find((c) => c.name === 'siyu_sid');
  if (!sid) throw new Error(`bench login failed: ${res.body}`);
  return {
    siyu,
    cookie: `siyu_sid=${sid.value}`,
    async stop() {
      await siyu.stop();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
