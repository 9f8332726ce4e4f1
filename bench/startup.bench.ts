import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow } from './types';

const root = path.resolve(import.meta.dirname, '..');

async function get(url: string): Promise<Response | null> {
  try {
    return await fetch(url);
  } catch {
    return null;
  }
}

// Cold start on a fresh data directory (migrations + demo seed) and a warm restart, then idle RSS.
export async function run(): Promise<BenchRow[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-start-'));
  const port = 3800 + Math.floor(Math.random() * 100);
  const base = `http://127.0.0.1:${port}`;
  const startOnce = async (): Promise<{ ms: number; stop: () => Promise<void> }> => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SIYU_DATA_DIR: dataDir, SANDBOX_PORT: String(port + 1000), DATABASE_URL: '', LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    for (;;) {
      const res = await get(`${base}/readyz`);
      if (res?.ok) break;
      if (child.exitCode !== null) throw new Error('server exited during start-up');
      await new Promise((r) => setTimeout(r, 50));
    }
    const ms = performance.now() - t0;
    return {
      ms,
      stop: () =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    };
  };
  const cold = await startOnce();
  await cold.stop();
  const warm = await startOnce();
  await new Promise((r) => setTimeout(r, 5000));
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const rss = Number(/^siyu_process_resident_memory_bytes (\d+)/m.exec(metrics)?.[1] ?? NaN) / 1024 / 1024;
  await warm.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return [
    { name: 'server start-up, fresh data dir (PGlite, migrations + demo seed)', value: Math.round(cold.ms), unit: 'ms', target: 120_000, pass: cold.ms < 120_000 },
    { name: 'server start-up, existing data dir (PGlite)', value: Math.round(warm.ms), unit: 'ms', target: 10_000, pass: warm.ms < 10_000 },
    { name: 'idle server RSS (PGlite, 5 s after ready)', value: Math.round(rss), unit: 'MiB', target: 512, pass: rss < 512 },
  ];
}
