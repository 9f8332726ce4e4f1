// The customer list's total in Chromium, on a demo server of its own that samples 50 customers for an estimate
// (CUSTOMER_COUNT_SAMPLE; the demo has 300): the list first shows the estimate labelled as one ("约 N 条" /
// "about N in total"), and when the exact count arrives (held back here until the estimate has been seen) it shows
// that figure, within the exact counts the API gives for the same filter just before and just after; in zh-CN and
// in en-US.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer, type RunningServer } from './start-server';

let server: RunningServer;
let browser: Browser;
let base: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer({ CUSTOMER_COUNT_SAMPLE: '50' }, 300_000);
  base = server.base;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(locale: 'zh-CN' | 'en-US'): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(120_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.addInitScript(`localStorage.setItem('siyu.locale', '${locale}')`);
  expect((await page.request.post(`${base}/api/auth/login`, { data: { email: 'admin@demo.siyu.local', password: 'siyu-demo-2026' } })).ok()).toBe(true);
  return page;
}

/** Holds the list's exact-count requests until `release` is called; `rule` is the filter they carried. */
async function holdExactCounts(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let rule: unknown;
  let held = 0;
  await page.route('**/api/customers/search', async (route) => {
    const body = route.request().postDataJSON() as { total?: string; rule?: unknown };
    if (body.total === 'exact') {
      held++;
      rule = body.rule;
      await released;
    }
    await route.continue();
  });
  return { release, rule: () => rule, held: () => held };
}

async function exactCount(page: Page, rule: unknown): Promise<number> {
  const res = await page.request.post(`${base}/api/customers/search`, { data: { rule, page: 1, pageSize: 1, columns: ['name'], total: 'exact' } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { total: number }).total;
}

describe('customer list total', () => {
  it('shows the estimate as one, then the exact count, in zh-CN and en-US', async () => {
    for (const [locale, about, exact] of [
      ['zh-CN', (n: string) => `约 ${n} 条`, (n: string) => `共 ${n} 条`],
      ['en-US', (n: string) => `about ${n} in total`, (n: string) => `${n} in total`],
    ] as const) {
      const page = await signedIn(locale);
      // The demo's customers arrive with its first sync: wait until there are more than the sample.
      await expect.poll(async () => exactCount(page, { all: [] }), { timeout: 120_000, interval: 500 }).toBeGreaterThan(50);
      const hold = await holdExactCounts(page);
      await page.goto(`${base}/customers`);
      const total = page.getByTestId('customers-total');
      await expect.poll(async () => total.getAttribute('data-estimated').catch(() => null), { timeout: 60_000 }).toBe('true');
      const shown = (await total.innerText()).trim();
      const estimate = Number(/[\d,]+/.exec(shown)![0].replace(/,/g, ''));
      expect(shown).toBe(about(estimate.toLocaleString(locale)));
      expect(estimate).toBeGreaterThan(0);
      // The exact count was asked for and is held: the estimate stays on screen meanwhile.
      await expect.poll(() => hold.held(), { timeout: 60_000 }).toBeGreaterThan(0);
      expect(await total.getAttribute('data-estimated')).toBe('true');

      // The demo keeps adding customers, so the exact figure shown lies between the API's count just before the
      // held request goes on and the API's count just after the list shows it.
      const before = await exactCount(page, hold.rule());
      hold.release();
      await expect.poll(async () => total.getAttribute('data-estimated'), { timeout: 60_000 }).toBe('false');
      const after = await exactCount(page, hold.rule());
      const shownExact = (await total.innerText()).trim();
      const figure = Number(/[\d,]+/.exec(shownExact)![0].replace(/,/g, ''));
      expect(shownExact).toBe(exact(figure.toLocaleString(locale)));
      expect(figure).toBeGreaterThanOrEqual(before);
      expect(figure).toBeLessThanOrEqual(after);
      await page.close();
    }
    expect(pageErrors).toEqual([]);
  });
});
