// Start-up and memory on PGlite, of the server `npm start` runs (server/dist/main.mjs): a fresh data directory
// (migrations + demo seed), then warm restarts on it (STARTUP_WARM_RUNS, default 3). Idle RSS is read 5 s after ready both after the fresh start with the demo and after
// a warm restart, and the fresh start's peak RSS (the kernel's high-water mark, VmHWM) covers the demo seed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spreadOf } from './lib/samples';
import type { BenchRow } from './types';
import { START_ENV } from '../scripts/start-env';

const root = path.resolve(import.meta.dirname, '..');
const WARM_RUNS = Math.max(1, Number(process.env.STARTUP_WARM_RUNS ?? 3));
const MiB = 1024 * 1024;

async function get(url: string): Promise<Response | null> {
  try {
    return await fetch(url);
  } catch {
    return null;
  }
}

/** Peak resident memory of a process so far, from /proc (Linux); NaN elsewhere. */
function peakRssMiB(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

export async function run(): Promise<BenchRow[]> {
  // What `npm start` runs: the bundle of server/src, built here (not timed) when a source changed.
  const build = spawnSync(process.execPath, ['scripts/build-server-if-changed.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('server build failed');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-start-'));
  const port = 3800 + Math.floor(Math.random() * 100);
  const base = `http://127.0.0.1:${port}`;
  const startOnce = async () => {
    const t0 = performance.now();
    // node itself (not npm or a shell) so that the pid is the server's and /proc/<pid> is its memory.
    const child = spawn(process.execPath, ['--enable-source-maps', 'server/dist/main.mjs'], {
      cwd: root,
      env: { ...process.env, ...START_ENV, PORT: String(port), HOST: '127.0.0.1', SIYU_DATA_DIR: dataDir, SANDBOX_PORT: String(port + 1000), DATABASE_URL: '', LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    for (;;) {
      const res = await get(`${base}/readyz`);
      if (res?.ok) break;
      if (child.exitCode !== null) throw new Error('server exited during start-up');
      await new Promise((r) => setTimeout(r, 50));
    }
    const ms = performance.now() - t0;
    const idle = async () => {
      await new Promise((r) => setTimeout(r, 5000));
      const metrics = await (await fetch(`${base}/metrics`)).text();
      return Number(/^siyu_process_resident_memory_bytes (\d+)/m.exec(metrics)?.[1] ?? NaN) / MiB;
    };
    const stop = () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    return { ms, idle, peak: () => peakRssMiB(child.pid), stop };
  };
  try {
    const cold = await startOnce();
    const coldIdle = await cold.idle();
    const coldPeak = cold.peak();
    await cold.stop();
    const warmMs: number[] = [];
    const warmIdle: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const warm = await startOnce();
      warmMs.push(warm.ms);
      warmIdle.push(await warm.idle());
      await warm.stop();
    }
    const w = spreadOf(warmMs);
    const wi = spreadOf(warmIdle);
    console.log(`  fresh start ${Math.round(cold.ms)} ms, idle ${Math.round(coldIdle)} MiB, peak ${Math.round(coldPeak)} MiB; warm starts ${warmMs.map(Math.round).join(', ')} ms`);
    return [
      { name: 'server start-up, fresh data dir (PGlite, migrations + demo seed)', value: Math.round(cold.ms), unit: 'ms', target: 120_000, pass: cold.ms < 120_000 },
      { name: 'server start-up, existing data dir (PGlite), median', value: Math.round(w.median), unit: 'ms', target: 5000, pass: w.median <= 5000, spread: w },
      { name: 'idle server RSS after a fresh start with the demo (PGlite, 5 s after ready)', value: Math.round(coldIdle), unit: 'MiB', target: 350, pass: coldIdle <= 350 },
      { name: 'peak server RSS during the fresh start and demo seed (PGlite, VmHWM)', value: Math.round(coldPeak), unit: 'MiB', target: 700, pass: coldPeak <= 700 },
      { name: 'idle server RSS after a warm restart (PGlite, 5 s after ready), median', value: Math.round(wi.median), unit: 'MiB', target: 350, pass: wi.median <= 350, spread: wi },
    ];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
