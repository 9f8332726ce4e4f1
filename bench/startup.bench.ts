// Start-up and memory on PGlite, of the server `npm start` runs (server/dist/main.mjs): fresh data directories
// (STARTUP_FRESH_RUNS, default 3; each copied from the initdb template `npm start` makes beforehand, then migrations
// and the demo seed), then warm restarts on the last (STARTUP_WARM_RUNS, default 3). Idle RSS is read 5 s after ready
// after each start, and a fresh start's peak RSS (the kernel's high-water mark, VmHWM) covers the demo seed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spreadOf } from './lib/samples';
import type { BenchRow } from './types';
import { START_ENV } from '../scripts/start-env';

const root = path.resolve(import.meta.dirname, '..');
const WARM_RUNS = Math.max(1, Number(process.env.STARTUP_WARM_RUNS ?? 3));
const FRESH_RUNS = Math.max(1, Number(process.env.STARTUP_FRESH_RUNS ?? 3));
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
  // And its initdb, made anew here in a process of its own as on a fresh install (not part of the server's figures).
  const initdb = spawnSync(process.execPath, ['scripts/pglite-initdb.mjs', '--force'], { cwd: root, encoding: 'utf8' });
  if (initdb.status !== 0) throw new Error(`initdb template failed: ${initdb.stderr}`);
  process.stdout.write(initdb.stdout);
  const initdbPeak = Number(/peak memory (\d+) MiB/.exec(initdb.stdout)?.[1] ?? NaN);
  const dataDirs: string[] = [];
  const port = 3800 + Math.floor(Math.random() * 100);
  const base = `http://127.0.0.1:${port}`;
  const startOnce = async (dataDir: string) => {
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
    const fresh = { ms: [] as number[], idle: [] as number[], peak: [] as number[] };
    for (let i = 0; i < FRESH_RUNS; i++) {
      dataDirs.push(fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-start-')));
      const cold = await startOnce(dataDirs[i]);
      fresh.ms.push(cold.ms);
      fresh.idle.push(await cold.idle());
      fresh.peak.push(cold.peak());
      await cold.stop();
    }
    const warmMs: number[] = [];
    const warmIdle: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const warm = await startOnce(dataDirs[dataDirs.length - 1]);
      warmMs.push(warm.ms);
      warmIdle.push(await warm.idle());
      await warm.stop();
    }
    const [f, fi, fp, w, wi] = [fresh.ms, fresh.idle, fresh.peak, warmMs, warmIdle].map(spreadOf);
    const list = (values: number[]) => values.map(Math.round).join(', ');
    console.log(`  fresh starts ${list(fresh.ms)} ms, idle ${list(fresh.idle)} MiB, peak ${list(fresh.peak)} MiB; warm starts ${list(warmMs)} ms`);
    return [
      { name: 'initdb template, made once per install before the server starts (its own process), peak RSS', value: initdbPeak, unit: 'MiB', target: null, pass: null },
      { name: 'server start-up, fresh data dir (PGlite, from the initdb template, migrations + demo seed), median', value: Math.round(f.median), unit: 'ms', target: 120_000, pass: f.median < 120_000, spread: f },
      { name: 'server start-up, existing data dir (PGlite), median', value: Math.round(w.median), unit: 'ms', target: 5000, pass: w.median <= 5000, spread: w },
      { name: 'idle server RSS after a fresh start with the demo (PGlite, 5 s after ready), median', value: Math.round(fi.median), unit: 'MiB', target: 350, pass: fi.median <= 350, spread: fi },
      { name: 'peak server RSS during the fresh start and demo seed (PGlite, VmHWM), median', value: Math.round(fp.median), unit: 'MiB', target: 700, pass: fp.median <= 700, spread: fp },
      { name: 'idle server RSS after a warm restart (PGlite, 5 s after ready), median', value: Math.round(wi.median), unit: 'MiB', target: 350, pass: wi.median <= 350, spread: wi },
    ];
  } finally {
    for (const dataDir of dataDirs) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
