// A fission campaign's poster picked from the material library, in Chromium on the shared demo server: the operator
// creates a campaign in the console with a library poster chosen in <MaterialPicker>, the campaign keeps that
// material, and a participant's public poster page shows the library image (loaded, not a broken image) above their code.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServer, launchBrowser, type RunningServer, signedInPage } from './start-server';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];
// A real 2×1 PNG, so the browser can draw it (naturalWidth 2).
const PNG_2X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==';

beforeAll(async () => {
  server = demoServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signedIn = (): Promise<Page> => signedInPage(browser, server.base, pageErrors);

const stamp = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

describe('fission poster from the library', () => {
  it('picks a library poster in the campaign form and shows it on the participant page', async () => {
    const page = await signedIn();
    const title = `裂变海报-${Date.now()}`;
    const created = await page.request.post(`${server.base}/api/materials`, {
      data: { kind: 'poster', title, file: { name: 'poster.png', base64: PNG_2X1 } },
      headers: { origin: server.base },
    });
    expect(created.status()).toBe(201);
    const materialId = ((await created.json()) as { id: string }).id;

    await page.goto(`${server.base}/fission`);
    await page.getByTestId('fission-page').waitFor();
    await page.getByTestId('fission-create').click();
    // The campaign modal (the one holding the name field; the picker opens a second modal over it).
    const form = page.locator('.ant-modal-content').filter({ has: page.locator('#name') });
    const name = `海报裂变-${Date.now()}`;
    await form.locator('#name').fill(name);
    await form.locator('#rewardCodes').fill('POSTER-1\nPOSTER-2');
    await form.getByTestId('fission-poster-material-open').click();
    await page.getByTestId('fission-poster-material-modal').getByTestId('fission-poster-material-item').filter({ hasText: title }).click();
    await page.locator('#fission-poster-material-ok').click();
    await form.getByTestId('material-card').filter({ hasText: title }).waitFor();
    const start = form.locator('#period');
    await start.click();
    await start.fill(stamp(new Date(Date.now() - 3_600_000)));
    await page.keyboard.press('Enter');
    // The picker moves the focus to the end field itself (a frame later); typing before that can be lost.
    const end = form.locator('.ant-picker-range input').nth(1);
    await expect.poll(() => end.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await end.fill(stamp(new Date(Date.now() + 7 * 86_400_000)));
    await page.keyboard.press('Enter');
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'detached' });
    await form.locator('#staffUserids').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().click();
    await page.keyboard.press('Escape');
    // What the form will send: both ends of the period and one staff member.
    await expect.poll(() => start.inputValue()).not.toBe('');
    await expect.poll(() => end.inputValue()).not.toBe('');
    await expect.poll(() => form.locator('.ant-select').filter({ has: page.locator('#staffUserids') }).locator('.ant-select-selection-item').count()).toBe(1);
    await form.locator('.ant-modal-footer .ant-btn-primary').click();
    // The modal closes on success; while it stays open, what it says (a field's error or the server's refusal) is the
    // failure message.
    await expect
      .poll(async () => ((await page.locator('#name').count()) === 0 ? 'closed' : (await page.locator('.ant-form-item-explain-error, .ant-message-error').allTextContents()).join(' | ') || 'open'), { timeout: 60_000 })
      .toBe('closed');

    // The campaign keeps the library material as its poster.
    type Campaign = { id: string; name: string };
    let campaign: Campaign | undefined;
    await expect
      .poll(async () => (campaign = ((await (await page.request.get(`${server.base}/api/fission/campaigns`)).json()) as { items: Campaign[] }).items.find((c) => c.name === name)))
      .toBeTruthy();
    const detail = (await (await page.request.get(`${server.base}/api/fission/campaigns/${campaign!.id}`)).json()) as { poster: { materialId: string | null } };
    expect(detail.poster.materialId).toBe(materialId);

    // A customer joins; their public page shows the library image, drawn by the browser.
    const search = await page.request.post(`${server.base}/api/customers/search`, { data: { rule: { all: [] }, page: 1, pageSize: 20, columns: ['name', 'externalUserid'], sort: { by: 'name', dir: 'asc' } } });
    expect(search.ok()).toBe(true);
    const customer = ((await search.json()) as { items: Array<{ externalUserid: string | null }> }).items.find((c) => c.externalUserid)!;
    const joined = await page.request.post(`${server.base}/api/fission/campaigns/${campaign!.id}/participants`, {
      data: { externalUserid: customer.externalUserid },
      headers: { origin: server.base },
    });
    expect(joined.status()).toBe(201);
    const { token } = (await joined.json()) as { token: string };
    await page.goto(`${server.base}/p/fission/${token}`);
    const bg = page.getByTestId('fission-poster-background');
    await bg.waitFor();
    await expect.poll(() => bg.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(2);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
