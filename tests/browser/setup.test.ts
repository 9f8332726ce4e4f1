import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startServer, type RunningServer } from './start-server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ SIYU_DEMO: 'false' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('fresh install without the demo', () => {
  it('sends the first visitor to set-up, creates the first admin and lands on the dashboard', async () => {
    expect(server.output()).not.toMatch(/Demo login/);
    const page = await browser.newPage();
    await page.goto(server.base);
    await page.waitForURL(/\/setup/);
    await page.getByTestId('setup-corp').fill('鲜果连锁');
    await page.getByTestId('setup-name').fill('王店长');
    await page.getByTestId('setup-email').fill('owner@fruit.example.com');
    await page.getByTestId('setup-password').fill('fresh-fruit-2026');
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('dashboard').waitFor();
    const me = await (await page.request.get(`${server.base}/api/auth/me`)).json();
    expect(me.user.role).toBe('admin');
    expect(me.corp.name).toBe('鲜果连锁');
    // set-up is closed now: the page sends later visitors to the login form
    const other = await browser.newPage();
    await other.goto(`${server.base}/setup`);
    await other.waitForURL(/\/login/);
  });
});
