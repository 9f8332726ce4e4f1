import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';

/** `stop` ends the cluster and deletes it; `keep` leaves it running and says how to stop it later. */
export type ThrowawayPostgres = { url: string; stop(): void; keep(): string };

// A PostgreSQL 15 cluster in a temp directory for one benchmark run (DATABASE_URL wins when given).
export function startPostgres(): ThrowawayPostgres | null {
  if (process.env.DATABASE_URL)
    return { url: process.env.DATABASE_URL, stop: () => {}, keep: () => 'the database server is DATABASE_URL\'s' };
  if (!fs.existsSync(path.join(PGBIN, 'initdb'))) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-pg-'));
  fs.chmodSync(dir, 0o755);
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(PGBIN, cmd), ...args]] : [path.join(PGBIN, cmd), args];
    const r = spawnSync(full[0] as string, full[1] as string[], { stdio: 'pipe' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  };
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const port = 56000 + Math.floor(Math.random() * 1000);
  run('initdb', ['-D', `${dir}/data`, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  run('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=512MB`, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', `${dir}/data`, '-m', 'fast', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    keep: () =>
      `cluster kept running in ${dir}; stop and delete it with: ${asRoot ? 'runuser -u postgres -- ' : ''}${path.join(PGBIN, 'pg_ctl')} -D ${dir}/data -m fast stop && rm -rf ${dir}`,
  };
}
