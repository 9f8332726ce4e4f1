// Stored XSS, looked for in Chromium: the security world (two corps, every kind of record) is seeded with script
// payloads in every name field — customers and staff through the sandbox, tags, channels, segments, stages, stores,
// campaigns, notes, custom fields through the API — then every console page, every customer's page, the public
// pages (store landing, fission progress) and the sandbox page are visited. No payload may run: window.__xss stays
// unset and no dialog opens.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type Namer, type World } from '../../server/test/security/world';
import { launchBrowser } from './start-server';

const PAYLOADS = ['<img src=x onerror=__xss=1>', '"><svg onload=__xss=2>', 'javascript:__xss=3', "'><script>__xss=4</script>", '<a href="javascript:__xss=5">x'];

// Every name gets a payload that fits its length limit, rotating so each kind meets several shapes.
let turn = 0;
const xssNamer: Namer = (_corp, kind, max) => {
  const fitting = PAYLOADS.filter((p) => p.length <= max);
  const p = fitting[turn++ % fitting.length] ?? '<b>x';
  return /^(city|address)$/.test(kind) ? p.slice(0, max) : p;
};

const CONSOLE_PAGES = ['/', '/customers', '/tags', '/segments', '/stages', '/alerts', '/profile-settings', '/channels', '/leads', '/fission', '/staff', '/corp', '/settings'];

let world: World;
let browser: Browser;
const ran: string[] = [];

beforeAll(async () => {
  world = await startWorld({ namer: xssNamer });
  browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

async function visit(page: Page, url: string, settle = 'networkidle' as const): Promise<void> {
  await page.goto(url, { waitUntil: settle, timeout: 30_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
  const xss = await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss);
  if (xss !== undefined) ran.push(`${url}: window.__xss = ${String(xss)}`);
}

function watch(page: Page): void {
  page.on('dialog', (d) => {
    ran.push(`${page.url()}: a ${d.type()} dialog opened (${d.message()})`);
    void d.dismiss();
  });
}

describe('stored XSS', () => {
  it('no seeded payload runs on any console page, public page or the sandbox page', async () => {
    const context = await browser.newContext();
    const { hostname } = new URL(world.url);
    await context.addCookies([{ name: 'siyu_sid', value: world.a.sessions.admin.cookie.replace(/^siyu_sid=/, ''), domain: hostname, path: '/' }]);
    const page = await context.newPage();
    watch(page);
    const visited: string[] = [];
    for (const p of CONSOLE_PAGES) {
      await visit(page, `${world.url}${p}`);
      visited.push(p);
    }
    for (const id of world.a.ids.customer) {
      await visit(page, `${world.url}/customers/${id}`);
      visited.push(`/customers/${id}`);
    }
    // Open every tab a page offers (detail tabs, settings tabs) and look again.
    for (const p of ['/profile-settings', '/settings', `/customers/${world.a.ids.customer[0]}`]) {
      await visit(page, `${world.url}${p}`);
      for (const tab of await page.getByRole('tab').all()) {
        await tab.click({ timeout: 2_000 }).catch(() => undefined);
        await page.waitForTimeout(200);
      }
      await visit(page, page.url());
    }
    const pub = await browser.newContext();
    const anon = await pub.newPage();
    watch(anon);
    const publicPages = [
      `${world.url}/s/${world.a.corpId}/${world.a.ids.storeCode[0]}`,
      `${world.url}/s/${world.a.corpId}/${world.a.ids.storeCode[0]}/stores/${world.a.ids.store[0]}`,
      `${world.url}/p/fission/${world.a.ids.fissionToken[0]}`,
      `${world.sandbox.url}/sandbox`,
    ];
    for (const u of publicPages) {
      await visit(anon, u);
      visited.push(u);
    }
    // The sandbox page lists corps and people: pick each corp so its names render. Only the corp list's own options:
    // a customer's or staff member's id is no option of the corp list, and waiting to pick it cost 30 s each.
    const corps = anon.locator('select').first();
    const corpIds: string[] = [];
    for (const option of await corps.locator('option').all()) corpIds.push((await option.getAttribute('value')) ?? '');
    expect(corpIds).toEqual(expect.arrayContaining([world.a.corpId, world.b.corpId]));
    for (const value of corpIds) {
      await corps.selectOption(value, { timeout: 5_000 });
      await anon.waitForTimeout(300);
    }
    await visit(anon, anon.url());
    console.log(`[security] xss: ${visited.length} pages visited, ${PAYLOADS.length} payload shapes in ${world.a.names.length} name fields`);
    expect(ran).toEqual([]);
    await context.close();
    await pub.close();
  }, 600_000);
});
