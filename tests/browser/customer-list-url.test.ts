// The customer list keeps its view in the URL, on the demo in Chromium: the page, a search, the chosen columns and
// the sort are written to the address; a reload brings the same view back (search box, columns, page) and the
// browser's back and forward step through the views; an address with values the list does not know shows the
// default view, with no page error.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServer, launchBrowser, type RunningServer, signedInPage } from './start-server';

let server: RunningServer;
let browser: Browser;
let base: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = demoServer();
  base = server.base;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signedIn = (): Promise<Page> => signedInPage(browser, base, pageErrors);

const search = (page: Page) => page.getByTestId('customers-search').locator('xpath=descendant-or-self::input').first();
const rowsText = (page: Page) => page.getByTestId('customers-table').locator('tbody tr.ant-table-row').allTextContents();
const headers = (page: Page) => page.getByTestId('customers-table').locator('thead th.ant-table-cell:not(.ant-table-selection-column)').allTextContents();

describe('customer list in the URL', () => {
  it('restores page, search, columns and sort on reload and steps back and forward', async () => {
    const page = await signedIn();
    await page.goto(`${base}/customers`);
    const table = page.getByTestId('customers-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const firstPage = await rowsText(page);

    // Page 2 is in the address.
    await page.locator('.ant-pagination-item-2').click();
    await page.waitForURL(/[?&]page=2/);
    await expect.poll(async () => (await rowsText(page)).join(), { timeout: 60_000 }).not.toBe(firstPage.join());

    // A search starts again at page 1 and is in the address.
    const name = (await table.locator('tbody tr.ant-table-row').first().locator('td').nth(1).textContent())!.trim().slice(0, 2);
    await search(page).fill(name);
    await search(page).press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === name && !u.searchParams.has('page'));

    // Columns and sort from an address: reload shows the same view.
    await page.goto(`${base}/customers?cols=name,orderAmount&sort=orderAmount.desc&q=${encodeURIComponent(name)}`);
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await headers(page)).toEqual(['客户', '消费金额']);
    await page.reload();
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await headers(page)).toEqual(['客户', '消费金额']);
    expect(await search(page).inputValue()).toBe(name);
    expect(await table.locator('th.ant-table-column-sort').textContent()).toContain('消费金额');

    // Back twice: the search, then page 2 as it was.
    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('q') === name && !u.searchParams.has('cols'));
    await page.goBack();
    await page.waitForURL(/[?&]page=2/);
    // Page 2 again (the demo may still be adding customers, so its rows are not compared one by one).
    await expect.poll(() => page.locator('.ant-pagination-item-active').textContent(), { timeout: 60_000 }).toBe('2');
    await expect.poll(async () => (await rowsText(page)).length, { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await search(page).inputValue()).toBe('');
    await page.goForward();
    await page.waitForURL((u) => u.searchParams.get('q') === name);
    expect(await search(page).inputValue()).toBe(name);

    // Nonsense in the address: the default view.
    await page.goto(`${base}/customers?page=-3&size=7&cols=nope&sort=drop.table&rule=%7Bbad`);
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await expect.poll(async () => (await headers(page)).length, { timeout: 60_000 }).toBe(5);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 300_000);
});
