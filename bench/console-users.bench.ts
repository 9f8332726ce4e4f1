// Console users at once on the default install (issue 14's "20 concurrent console users (list + profile), PGlite"):
// `npm start`'s server (PGlite, the demo and its sandbox) in a fresh data directory, then CONSOLE_USERS (default 20)
// signed-in users, each opening the customer list and then a customer's profile, over and over, as the console does
// (the list: one search page of 20 with its estimated total, then the exact count; the profile: its four requests at
// once). Each user waits CONSOLE_THINK_MS (default 1,000) on a page before the next click; the run lasts
// CONSOLE_SECONDS (default 60). The users come CONSOLE_SETTLE_SECONDS (default 120) after the demo's customers are
// listed, once its first sync, orders and scans are done. A page's time is from the click to its last answer. Prints
// p95 and the spread per page and per request, the requests per second the server answered and the server's CPU time
// per request (from /proc: the figure the machine's load moves least), and the load average;
// BENCH_PROFILE_DIR writes the server's CPU profile there.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_LOGIN } from '../server/src/modules/demo';
import { loadavg, percentileOf, spreadOf } from './lib/samples';
import type { BenchRow } from './types';
import { START_ENV } from '../scripts/start-env';

const root = path.resolve(import.meta.dirname, '..');
const USERS = Math.max(1, Number(process.env.CONSOLE_USERS ?? 20));
const THINK_MS = Math.max(0, Number(process.env.CONSOLE_THINK_MS ?? 1000));
const SECONDS = Math.max(10, Number(process.env.CONSOLE_SECONDS ?? 60));
/** Seconds to leave the fresh demo alone before the users come (its first sync, orders and scans run meanwhile). */
const SETTLE_SECONDS = Math.max(0, Number(process.env.CONSOLE_SETTLE_SECONDS ?? 120));
const COLUMNS = ['name', 'avatar', 'createdAt', 'phone', 'owners', 'tags'];

type Row = { id: string };

/** CPU time the process has used so far (user + system), from /proc (Linux); NaN elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function run(): Promise<BenchRow[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-users-'));
  const port = 3900 + Math.floor(Math.random() * 100);
  const base = `http://127.0.0.1:${port}`;
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  // The server `npm start` runs: the bundle of server/src, built first when a source changed.
  if (spawnSync(process.execPath, ['scripts/build-server-if-changed.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('server build failed');
  const child = spawn(process.execPath, [...profile, '--enable-source-maps', 'server/dist/main.mjs'], {
    cwd: root,
    env: { ...process.env, ...START_ENV, PORT: String(port), HOST: '127.0.0.1', SIYU_DATA_DIR: dataDir, SANDBOX_PORT: String(port + 1000), DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    await waitFor('ready', async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined), 180_000);
    const signIn = async (): Promise<string> => {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify(DEMO_LOGIN) });
      if (!res.ok) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
      return /siyu_sid=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
    };
    const perRoute = new Map<string, number[]>();
    const call = async (cookie: string, method: 'GET' | 'POST', p: string, body?: unknown): Promise<unknown> => {
      const key = `${method} ${p.replace(/[0-9a-f-]{36}/g, ':id').replace(/\?.*/, '')}${body && typeof body === 'object' && 'total' in body ? ` (${String(body.total)})` : ''}`;
      const t0 = performance.now();
      const res = await fetch(`${base}${p}`, {
        method,
        headers: { cookie, origin: base, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      const json: unknown = await res.json();
      perRoute.set(key, [...(perRoute.get(key) ?? []), performance.now() - t0]);
      return json;
    };
    const first = await signIn();
    // the demo's first sync and orders are in (its customers listed), so every user sees the demo as an operator would
    await waitFor('the demo customers', async () => {
      const r = (await call(first, 'POST', '/api/customers/search', { rule: { all: [] }, page: 1, pageSize: 1, columns: ['name'], total: 'exact' })) as { total: number };
      return r.total >= 200 ? true : undefined;
    }, 300_000);
    if (SETTLE_SECONDS) await new Promise((r) => setTimeout(r, SETTLE_SECONDS * 1000));
    const cookies: string[] = [];
    for (let i = 0; i < USERS; i++) cookies.push(await signIn()); // one at a time: each is an argon2 verification

    const listTimes: number[] = [];
    const profileTimes: number[] = [];
    let requests = 0;
    let failures = 0;
    const end = Date.now() + SECONDS * 1000;
    const user = async (cookie: string, n: number) => {
      let page = 1 + (n % 5);
      while (Date.now() < end) {
        try {
          let t0 = performance.now();
          const list = (await call(cookie, 'POST', '/api/customers/search', { rule: { all: [] }, page, pageSize: 20, columns: COLUMNS, sort: { by: 'createdAt', dir: 'desc' }, total: 'estimate' })) as { items: Row[] };
          await call(cookie, 'POST', '/api/customers/search', { rule: { all: [] }, page: 1, pageSize: 1, columns: ['name'], total: 'exact' });
          listTimes.push(performance.now() - t0);
          requests += 2;
          await new Promise((r) => setTimeout(r, THINK_MS));
          const id = list.items[(n + page) % Math.max(1, list.items.length)]?.id;
          if (!id) continue;
          t0 = performance.now();
          await Promise.all([
            call(cookie, 'GET', `/api/customers/${id}/profile`),
            call(cookie, 'GET', `/api/customers/${id}/timeline`),
            call(cookie, 'GET', '/api/segments/rule-options'),
            call(cookie, 'GET', '/api/pipelines'),
          ]);
          profileTimes.push(performance.now() - t0);
          requests += 4;
          await new Promise((r) => setTimeout(r, THINK_MS));
          page = (page % 5) + 1;
        } catch (err) {
          failures++;
          if (failures <= 3) console.error('  console-users:', err instanceof Error ? err.message : err);
        }
      }
    };
    const t0 = Date.now();
    const cpu0 = cpuMs(child.pid);
    await Promise.all(cookies.map((c, i) => user(c, i)));
    const rps = requests / ((Date.now() - t0) / 1000);
    // the server's CPU per request answered: what the code costs, which the machine's load moves less than latency
    const cpuPerRequest = (cpuMs(child.pid) - cpu0) / requests;
    if (failures) throw new Error(`${failures} page loads failed`);
    for (const [key, times] of perRoute) {
      const sp = spreadOf(times);
      console.log(`  ${key}: p95 ${Math.round(percentileOf(times, 95))} ms, min–median–max ${sp.min}–${sp.median}–${sp.max} (n=${sp.n})`);
    }
    const both = [...listTimes, ...profileTimes];
    const rows = [
      { name: 'list', times: listTimes },
      { name: 'profile', times: profileTimes },
    ].map(({ name, times }) => {
      const p95 = Math.round(percentileOf(times, 95));
      console.log(`  ${name} page: p95 ${p95} ms, ${times.length} loads`);
      return { name: `${USERS} console users at once (PGlite, demo), ${name} page, p95 (ms)`, value: p95, unit: 'ms', target: null, pass: null, spread: spreadOf(times) } satisfies BenchRow;
    });
    const p95 = Math.round(percentileOf(both, 95));
    console.log(`  ${Math.round(rps)} requests/s answered, server CPU ${cpuPerRequest.toFixed(1)} ms per request; think time ${THINK_MS} ms; load ${loadavg()}`);
    return [
      { name: `${USERS} console users at once (PGlite, demo): list + profile pages, p95 (ms), think ${THINK_MS} ms`, value: p95, unit: 'ms', target: 300, pass: p95 <= 300, spread: spreadOf(both) },
      ...rows,
      { name: `${USERS} console users at once (PGlite, demo): server CPU per request (ms)`, value: Math.round(cpuPerRequest * 10) / 10, unit: 'ms', target: null, pass: null },
    ];
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
