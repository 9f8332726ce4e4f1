// A screenshot of every console page in both languages, on a fresh demo, for a person to look at — and a check that
// none shows an internal id where a name exists. `npm run screenshots` needs nothing running: it builds the console
// when its sources changed, starts its own demo (fresh data directory, built-in WeCom sandbox, free ports) and stops it
// at the end (Chromium at /usr/bin/chromium or CHROMIUM_PATH; a CJK font for readable zh-CN shots). PNGs go to
// screenshots/ (gitignored), named <language>-<page>.png. Exit code 1 when a page's visible
// text holds an id: a channel state (ch_…), an external_userid (wm…/wo…), a group chat id (wr…), a uuid, or one of the
// demo staff's WeCom userids. `npm run screenshots -- /channels /leads` limits it to those pages.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, startServer } from '../tests/browser/start-server';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'screenshots');
const LOCALES = ['zh-CN', 'en-US'] as const;
const log = (text: string) => console.log(`[screenshots] ${text}`);

/** The console's pages, read from the menu registry (every entry with a page), plus one customer profile. */
function consolePages(): string[] {
  const registry = fs.readFileSync(path.join(root, 'web/src/layout/menu-registry.ts'), 'utf8');
  return [...registry.matchAll(/path: '([^']+)'[^}\n]*page: [A-Za-z]+/g)].map((m) => m[1]);
}

const ID_PATTERNS: Array<[string, RegExp]> = [
  ['channel state', /\bch_[A-Za-z0-9]{4,}/g],
  ['external_userid', /\bw[mo][A-Za-z0-9_-]{16,}/g],
  ['group chat id', /\bwr[A-Za-z0-9_-]{16,}/g],
  ['uuid', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi],
];

/** The ids a page's visible text shows: pattern matches, and staff userids as whole words. */
function idsIn(text: string, staffUserids: ReadonlySet<string>): string[] {
  const found = ID_PATTERNS.flatMap(([kind, re]) => [...text.matchAll(re)].map((m) => `${kind} ${m[0]}`));
  for (const word of text.split(/[^A-Za-z0-9_.-]+/)) if (staffUserids.has(word)) found.push(`staff userid ${word}`);
  return [...new Set(found)];
}

// Chromium draws Chinese with a system CJK font; without one the zh-CN shots show boxes (the id check still works).
const cjk = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
if (cjk.status === 0 && !cjk.stdout.trim()) log('no CJK font: zh-CN text will show as boxes (Debian: apt-get install fonts-wqy-microhei)');

const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-web-if-changed.mts'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

log('starting a fresh demo (its first sync takes a minute) …');
const server = await startServer({}, 300_000); // a loaded machine may take minutes to migrate and sync
const browser = await launchBrowser();
const failures: string[] = [];
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const api = context.request;
  const login = await api.post(`${server.base}/api/auth/login`, { data: { email: 'admin@demo.siyu.local', password: 'siyu-demo-2026' } });
  if (!login.ok()) throw new Error(`demo login refused: ${login.status()}`);
  const json = async <T,>(p: string): Promise<T> => (await (await api.get(`${server.base}${p}`)).json()) as T;
  // The demo is ready when its sync finished and the seeds that follow it (orders, fission) are in.
  const readyBy = Date.now() + 240_000;
  for (;;) {
    const runs = await json<{ runs: Array<{ status: string }> }>('/api/wecom/sync');
    const campaigns = await json<{ items?: unknown[] }>('/api/fission/campaigns');
    if (runs.runs.some((r) => r.status === 'done' || r.status === 'partial') && (campaigns.items?.length ?? 0) > 0) break;
    if (Date.now() > readyBy) throw new Error('the demo did not finish seeding in 4 minutes');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const staff = new Set((await json<{ staff: Array<{ userid: string }> }>('/api/segments/rule-options')).staff.map((s) => s.userid));
  const someone = (await json<{ items: Array<{ id: string }> }>('/api/customers?page=1&pageSize=1')).items[0];
  const asked = process.argv.slice(2).filter((a) => a.startsWith('/'));
  const pages = asked.length ? asked : [...consolePages(), ...(someone ? [`/customers/${someone.id}`] : [])];
  fs.mkdirSync(outDir, { recursive: true });
  log(`demo ready; ${pages.length} pages × ${LOCALES.length} languages → ${path.relative(root, outDir)}/`);

  for (const locale of LOCALES) {
    const page = await context.newPage();
    await page.addInitScript(`localStorage.setItem('siyu.locale', '${locale}')`);
    for (const p of pages) {
      // Another process rebuilding web/dist answers 404 for a moment: try again.
      for (let attempt = 0; attempt < 5; attempt++) {
        const res = await page.goto(`${server.base}${p}`);
        if (res?.ok()) break;
        await page.waitForTimeout(3000);
      }
      await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined); // pages that poll never idle
      await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      await page.waitForTimeout(500); // charts finish their entry animation
      const name = p === '/' ? 'dashboard' : p.slice(1).replace(/\/[0-9a-f-]{36}$/, '-profile').replace(/\W+/g, '-');
      const file = path.join(outDir, `${locale}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      const ids = idsIn(await page.locator('body').innerText(), staff);
      if (ids.length) failures.push(`${locale} ${p}: ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ` … (${ids.length})` : ''}`);
      log(`${path.relative(root, file)}${ids.length ? `  ✗ shows ${ids.length} id(s)` : ''}`);
      // The fission campaign's drawer (its staff, funnel and leaderboard) is a view of its own.
      if (p === '/fission') {
        await page.getByTestId('fission-page').locator('tbody tr').first().locator('td').first().click();
        const drawer = page.getByTestId('fission-drawer');
        await drawer.waitFor();
        await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
        const drawerFile = path.join(outDir, `${locale}-fission-drawer.png`);
        await page.screenshot({ path: drawerFile, fullPage: true });
        const inDrawer = idsIn(await drawer.innerText(), staff);
        if (inDrawer.length) failures.push(`${locale} /fission drawer: ${inDrawer.join(', ')}`);
        log(`${path.relative(root, drawerFile)}${inDrawer.length ? `  ✗ shows ${inDrawer.length} id(s)` : ''}`);
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
if (failures.length) {
  console.error(`[screenshots] internal ids where a name exists:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
log('no page shows an internal id');
