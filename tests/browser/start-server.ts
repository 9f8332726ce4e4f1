import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium-args';
import { START_ENV } from '../../scripts/start-env';

const root = path.resolve(import.meta.dirname, '../..');

export type RunningServer = { base: string; output: () => string; stop(): Promise<void> };

// The real start-up path (npm start minus the builds of the console and the server bundle, which test:browser ran
// already) on a fresh data directory.
export async function startServer(env: Record<string, string> = {}, readyWithinMs = 120_000): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-browser-'));
  const port = 3400 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const server: ChildProcess = spawn(process.execPath, ['--enable-source-maps', 'server/dist/main.mjs'], {
    cwd: root,
    env: { ...process.env, ...START_ENV, PORT: String(port), HOST: '127.0.0.1', SIYU_DATA_DIR: dataDir, SANDBOX_PORT: String(port + 1000), DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d) => (output += d));
  server.stderr?.on('data', (d) => (output += d));
  const end = Date.now() + readyWithinMs;
  for (;;) {
    try {
      // a bounded wait per try: one stalled request must not use up the whole start-up allowance
      if ((await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(5000) })).ok && /Siyu is running/.test(output)) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (Date.now() > end) throw new Error(`server not ready: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    output: () => output,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The lane's shared demo server (demo-server.setup.ts). stop() leaves it running for the other files.
export function demoServer(): RunningServer {
  const shared = inject('demoServer');
  return { base: shared.base, output: () => shared.output, stop: async () => {} };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export type Locale = 'zh-CN' | 'en-US';

/** How long one step of a signed-in page (a click, a wait) may take before it fails with its locator named. */
export const STEP_TIMEOUT_MS = Number(process.env.PW_TIMEOUT ?? 120_000);

/** A new page signed in as a demo user (the admin unless named), in a language, its page errors collected. */
export async function signedInPage(browser: Browser, base: string, pageErrors: string[], opts: { email?: string; locale?: Locale } = {}): Promise<Page> {
  const email = opts.email ?? 'admin@demo.siyu.local';
  const page = await browser.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.addInitScript(`localStorage.setItem('siyu.locale', '${opts.locale ?? 'zh-CN'}')`);
  const res = await page.request.post(`${base}/api/auth/login`, { data: { email, password: 'siyu-demo-2026' } });
  if (!res.ok()) throw new Error(`signing in as ${email} failed: ${res.status()} ${await res.text()}`);
  return page;
}
