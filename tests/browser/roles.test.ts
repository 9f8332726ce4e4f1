// The menu and the buttons follow the role's permissions: on the demo, an analyst sees no write button, a staff member
// sees only the pages for their own work, and no page either of them can open makes a call the server refuses (403).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServer, launchBrowser, type RunningServer } from './start-server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = demoServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// Buttons that change something, by the test id the console gives them.
const WRITE_BUTTONS = [
  'tags-add-group',
  'segments-new',
  'stages-add-pipeline',
  'stages-edit-rule',
  'stages-apply-rules',
  'fission-create',
  'channel-new',
  'lead-upload',
  'lead-distribute',
  'customers-bulk-tag',
  'points-adjust',
  'profile-fields-edit',
  'add-user',
  'connection-save',
];

async function signIn(email: string): Promise<{ page: Page; refused: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const res = await page.request.post(`${server.base}/api/auth/login`, { data: { email, password: 'siyu-demo-2026' } });
  expect(res.ok(), await res.text()).toBe(true);
  const refused: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 403) refused.push(`${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return { page, refused };
}

async function menuPaths(page: Page): Promise<string[]> {
  await page.goto(server.base);
  await page.getByTestId('side-menu').waitFor();
  const me = (await (await page.request.get(`${server.base}/api/auth/me`)).json()) as { modules: string[]; permissions: string[] };
  expect(me.permissions.length).toBeGreaterThan(0);
  return page.getByTestId('side-menu').locator('li[role="menuitem"]').evaluateAll((items) =>
    items.map((li) => li.getAttribute('data-menu-id') ?? ''),
  );
}

// antd ends an item's data-menu-id with the module key (profile-settings ends in -settings too: longest key wins)
const KEYS = ['dashboard', 'customers', 'groups', 'tags', 'segments', 'stages', 'alerts', 'profile-settings', 'channels', 'leads', 'fission', 'broadcasts', 'sop', 'analytics', 'staff', 'corp', 'settings'];
function keyOf(menuId: string): string {
  return KEYS.filter((k) => menuId.endsWith(`-${k}`)).sort((x, y) => y.length - x.length)[0] ?? menuId;
}

/** Opens every page the menu offers, waits for its calls, and returns the write buttons found on it. */
async function visitAll(page: Page, menuIds: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const id of menuIds) {
    const key = keyOf(id);
    await page.getByTestId('side-menu').locator(`li[data-menu-id="${id}"]`).click();
    await page.waitForLoadState('networkidle');
    for (const button of WRITE_BUTTONS) if ((await page.getByTestId(button).count()) > 0) found.push(`${key}: ${button}`);
  }
  return found;
}

describe('roles in the console', () => {
  it('an analyst reads every module and finds no write button; nothing answers 403', async () => {
    const { page, refused } = await signIn('analyst@demo.siyu.local');
    const ids = await menuPaths(page);
    expect(ids.map(keyOf)).toEqual(expect.arrayContaining(['customers', 'segments', 'channels', 'fission', 'staff', 'profile-settings', 'settings']));
    expect(await visitAll(page, ids)).toEqual([]);
    // a customer's profile: no note box, no points button, no field editing
    await page.goto(`${server.base}/customers`);
    await page.locator('.ant-table-row').first().click();
    await page.getByTestId('open-profile').click();
    await page.waitForLoadState('networkidle');
    expect(await page.getByPlaceholder('记录一次跟进…').count()).toBe(0);
    expect(await page.getByTestId('points-adjust').count()).toBe(0);
    expect(refused).toEqual([]);
  });

  it('a staff member sees only the pages of their own work, and nothing they open answers 403', async () => {
    const { page, refused } = await signIn('staff@demo.siyu.local');
    const ids = await menuPaths(page);
    const keys = ids.map(keyOf);
    expect(keys).toEqual(expect.arrayContaining(['dashboard', 'customers', 'alerts', 'leads']));
    for (const hidden of ['channels', 'fission', 'staff', 'corp', 'profile-settings']) expect(keys).not.toContain(hidden);
    const found = await visitAll(page, ids);
    expect(found).toEqual([]);
    expect(refused).toEqual([]);
  });
});
