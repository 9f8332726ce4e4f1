// The browser lane's and benches' Chromium command line (scripts/chromium-args.ts) does what it says: no address-bar
// popup pages beside each new window, and playwright-core's own disabled features still off although our
// --disable-features replaces its list (HttpsUpgrades, checked: a plain http:// navigation is not tried over https).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './start-server';

describe('chromium args', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens a window without the omnibox popup pages, and keeps http navigations on http', async () => {
    const page = await browser.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto('http://siyu-args-check.example.com/').catch(() => undefined); // no network here: it fails
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    expect(targetInfos.filter((t) => t.url.startsWith('chrome://omnibox-popup')).map((t) => t.url)).toEqual([]);
    expect(targetInfos.some((t) => t.type === 'page')).toBe(true);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((u) => u.startsWith('https:'))).toEqual([]);
    await page.close();
  });
});
