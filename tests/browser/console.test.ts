import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServer, launchBrowser, type RunningServer } from './start-server';

let server: RunningServer;
let browser: Browser;
let base: string;
let output = '';

beforeAll(async () => {
  server = demoServer();
  base = server.base;
  output = server.output();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('console in a real browser', () => {
  it('prints the demo login, logs in with it and sees the dashboard with the demo numbers', async () => {
    const login = /Demo login: (\S+) \/ (\S+)/.exec(output);
    expect(login, output).not.toBeNull();
    const page = await browser.newPage();
    await page.goto(base);
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-email').fill(login![1]);
    await page.getByTestId('login-password').fill(login![2]);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    // The demo corp fills from the WeCom sandbox by a full sync started at boot; wait for it, then look again.
    for (let i = 0; i < 120; i++) {
      const runs = (await (await page.request.get(`${base}/api/wecom/sync`)).json()) as { runs: Array<{ status: string }> };
      if (runs.runs.some((r) => r.status === 'done')) break;
      await page.waitForTimeout(500);
    }
    // Demo seeding (channel adds, fission) may still be adding customers: compare with what this page was served.
    const [served] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/dashboard/summary') && r.ok()),
      page.reload(),
    ]);
    const summary = (await served.json()) as { customers: number };
    await page.getByTestId('dashboard').waitFor();
    await expect(page.getByRole('heading', { name: '数据概览' }).isVisible()).resolves.toBe(true);
    expect(summary.customers).toBeGreaterThan(0);
    await page.getByTestId('dashboard').getByText(String(summary.customers), { exact: true }).waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'siyu-dashboard.png'), fullPage: true });
  });

  it('shows the synced customers, and a customer who scans a channel code in the sandbox appears', async () => {
    const page = await browser.newPage();
    const loginRes = await page.request.post(`${base}/api/auth/login`, { data: { email: 'admin@demo.siyu.local', password: 'siyu-demo-2026' } });
    expect(loginRes.ok()).toBe(true);
    const sandbox = /WeCom sandbox: (http:\/\/\S+)\/sandbox/.exec(output)![1];
    const corp = (await (await page.request.get(`${base}/api/corp`)).json()) as { id: string };
    const created = await (await fetch(`${sandbox}/sandbox/corps/${corp.id}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '浏览器测试客户' }),
    })).json() as { external_userid: string };
    const ways = (await (await fetch(`${sandbox}/sandbox/corps/${corp.id}/state`)).json()) as { contact_ways: Array<{ config_id: string; skip_verify: boolean }> };
    const way = ways.contact_ways.find((w) => w.skip_verify)!;
    const scan = await fetch(`${sandbox}/sandbox/corps/${corp.id}/scan-contact-way`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ external_userid: created.external_userid, config_id: way.config_id }),
    });
    expect(scan.ok).toBe(true);
    await page.goto(`${base}/customers`);
    await page.getByTestId('customers-page').waitFor();
    await page.getByText('浏览器测试客户').waitFor({ timeout: 10_000 });
  });

  it('refuses a wrong password on the login page', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-email').fill('nobody@example.com');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByText(/邮箱或密码错误|Wrong email or password/).waitFor();
    expect(page.url()).toContain('/login');
  });
});
