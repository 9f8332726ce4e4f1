// Customers are chosen by name, never by external_userid, on the demo in Chromium: a fission participant is added by
// searching a customer by name in the campaign's drawer (the campaign then lists them), and an assigned lead is
// confirmed as added (确认添加) by picking, among the customers its staff member follows, the one it became; the
// WeCom connection page shows the demo's sync run as a table of named figures in both languages (新增客户 …, never
// customersInserted), and each channel code shows its QR image as Siyu serves it. Staff show by name and department
// (channel codes, the fission drawer, the customer list's owners), never by WeCom userid. The fresh demo lists its
// scanned alerts at start-up.
import type { Browser, Locator, Page } from 'playwright-core';
import type { RuleOptions } from '@siyu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickOption } from './pick-option';
import { demoServer, launchBrowser, type RunningServer, signedInPage, type Locale } from './start-server';

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

const signedIn = (locale: Locale = 'zh-CN'): Promise<Page> => signedInPage(browser, base, pageErrors, { locale });

type Row = { id: string; name: string; externalUserid: string | null };

async function customers(page: Page, rule: unknown): Promise<Row[]> {
  const res = await page.request.post(`${base}/api/customers/search`, { data: { rule, page: 1, pageSize: 50, columns: ['name', 'externalUserid'], sort: { by: 'name', dir: 'asc' } } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { items: Row[] }).items.filter((c) => c.externalUserid && c.name.length >= 2);
}

// The first of `rows` whose name no other customer's name contains (the picker matches names by substring, and the
// demo's random names repeat), and that `skip` does not refuse.
async function namedAlone(page: Page, rows: Row[], skip: (r: Row) => boolean = () => false): Promise<Row> {
  for (const r of rows) {
    if (skip(r)) continue;
    const same = await customers(page, { kind: 'attribute', field: 'name', op: 'contains', value: r.name });
    if (same.length === 1 && same[0].id === r.id) return r;
  }
  throw new Error('no customer with a name of its own');
}

// Types part of the name into the picker and chooses the option naming the customer.
async function pickCustomer(page: Page, testId: string, name: string): Promise<void> {
  const picker = page.getByTestId(testId);
  await picker.click();
  await picker.locator('input').fill(name);
  // Only the option that names this customer: the list can still show the rows of the previous search for a moment.
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-testid="customer-picker-option"]').filter({ hasText: name });
  await expect.poll(() => option.count(), { timeout: 10_000 }).toBe(1);
  await option.click();
}

// The staff tags in `scope` (when it has them) name staff members (name · department), and its text holds none of
// the corp's userids.
async function expectNoStaffUserid(page: Page, scope: Locator, staffTags = true): Promise<void> {
  const staff = ((await (await page.request.get(`${base}/api/segments/rule-options`)).json()) as RuleOptions).staff;
  if (staffTags) {
    const tags = scope.locator('[data-testid="staff-tag"]');
    await tags.first().waitFor();
    await expect.poll(() => tags.first().innerText()).not.toBe('…');
    const names = new Set(staff.map((s) => s.name));
    for (const text of await tags.allInnerTexts()) expect(names.has(text.split(' · ')[0].trim())).toBe(true);
  }
  const text = await scope.innerText();
  for (const s of staff) expect(text.split(/[^A-Za-z0-9_@.-]+/)).not.toContain(s.userid);
}

describe('customer pickers', () => {
  it('adds a fission participant picked by name', async () => {
    const page = await signedIn();
    let campaign: { id: string; name: string } | undefined;
    await expect
      .poll(async () => (campaign = ((await (await page.request.get(`${base}/api/fission/campaigns`)).json()) as { items: Array<{ id: string; name: string }> }).items[0]), { timeout: 60_000 })
      .toBeTruthy();
    const joined = JSON.stringify(await (await page.request.get(`${base}/api/fission/campaigns/${campaign!.id}/participants?page=1&pageSize=100`)).json());
    const customer = await namedAlone(page, (await customers(page, { all: [] })).reverse(), (r) => joined.includes(r.externalUserid!));
    await page.goto(`${base}/fission`);
    await page.getByTestId('fission-page').getByText(campaign!.name).click();
    await page.getByTestId('fission-drawer').waitFor();
    await pickCustomer(page, 'fission-customer-picker', customer.name);
    // The picker shows the name, not the id it stores.
    const chosen = await page.getByTestId('fission-customer-picker').locator('.ant-select-selection-item').innerText();
    expect(chosen).toContain(customer.name);
    expect(chosen).not.toContain(customer.externalUserid!);
    // The campaign's staff show by name and department, never by WeCom userid.
    await expectNoStaffUserid(page, page.getByTestId('fission-drawer'));
    const popup = page.context().waitForEvent('page');
    await page.getByTestId('fission-add-participant').click();
    await (await popup).close();
    await expect
      .poll(async () => JSON.stringify(await (await page.request.get(`${base}/api/fission/campaigns/${campaign!.id}/participants?page=1&pageSize=100`)).json()), { timeout: 10_000 })
      .toContain(customer.externalUserid!);
    await page.close();
  });

  it('confirms an assigned lead as added by picking its customer by name', async () => {
    const page = await signedIn();
    type Lead = { id: string; phone: string; status: string; staffUserid: string | null };
    let lead: Lead | undefined;
    await expect
      .poll(async () => (lead = ((await (await page.request.get(`${base}/api/leads?status=assigned&page=1&pageSize=100`)).json()) as { items: Lead[] }).items.find((l) => l.staffUserid)), { timeout: 60_000 })
      .toBeTruthy();
    const customer = await namedAlone(page, await customers(page, { kind: 'owner', staffUserids: [lead!.staffUserid!] }));
    await page.goto(`${base}/leads`);
    await page.getByRole('tab', { name: '线索列表' }).click();
    const list = page.getByTestId('leads-list');
    await pickOption(page, list.locator('.ant-select').first(), '待添加');
    // Each page comes from the server: look for the lead once the filtered rows are in, and turn a page only when the
    // list is not loading (a page turned on rows still on their way skips the page the lead is on).
    const idle = async () => (await list.locator('.ant-spin-spinning').count()) === 0;
    await expect
      .poll(async () => (await idle()) && (await list.locator('tbody tr.ant-table-row').allTextContents()).every((r) => r.includes('待添加')))
      .toBe(true);
    const button = page.getByTestId(`lead-confirm-${lead!.phone}`);
    await expect
      .poll(async () => {
        if (await button.isVisible()) return true;
        const next = list.locator('.ant-pagination-next:not(.ant-pagination-disabled) button');
        if ((await idle()) && (await next.count()) > 0) await next.click();
        return false;
      }, { timeout: 60_000, interval: 500 })
      .toBe(true);
    await button.click();
    await pickCustomer(page, 'lead-confirm-picker', customer.name);
    await page.locator('#lead-confirm-ok').click();
    await page.getByText('已确认添加').waitFor();
    const after = ((await (await page.request.get(`${base}/api/leads?status=added&page=1&pageSize=100`)).json()) as { items: Array<Lead & { addedBy: string }> }).items.find((l) => l.id === lead!.id);
    expect(after?.addedBy).toBe('manual');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('shows sync results as named figures in both languages and channel codes with a QR preview', async () => {
    const page = await signedIn();
    // A fresh demo lists the scan's alerts (inactive, repurchase, RFM churn) at start-up, not after the first scheduled
    // scan ten minutes later: the demo scans once its orders are in.
    const scanned = async () => {
      let n = 0;
      for (const kind of ['churn_inactive', 'repurchase', 'churn_rfm']) n += ((await (await page.request.get(`${base}/api/alerts?kind=${kind}`)).json()) as { total: number }).total;
      return n;
    };
    await expect.poll(scanned, { timeout: 120_000, interval: 2_000 }).toBeGreaterThan(0);
    await page.goto(`${base}/corp`);
    const changes = page.getByTestId('sync-report-changes').first();
    await changes.waitFor();
    const zh = await changes.innerText();
    expect(zh).toContain('新增客户');
    expect(zh).not.toMatch(/customersInserted|followsInserted|staffInserted/);
    const en = await signedIn('en-US');
    await en.goto(`${base}/corp`);
    await en.getByTestId('sync-report-changes').first().waitFor();
    expect(await en.getByTestId('sync-report-changes').first().innerText()).toContain('New customers');
    expect(await en.getByTestId('sync-report-seen').first().innerText()).toContain('Read from WeCom');
    await en.close();

    await page.goto(`${base}/channels`);
    const qr = page.getByTestId('channel-qr-preview').first().locator('xpath=descendant-or-self::img').first();
    await qr.waitFor();
    await expect.poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    // The codes' staff (and the customer list's owners) show by name, never by WeCom userid.
    await expectNoStaffUserid(page, page.getByTestId('channels-page'));
    await page.goto(`${base}/customers`);
    await page.getByTestId('customers-page').locator('tbody tr').first().waitFor();
    await expectNoStaffUserid(page, page.getByTestId('customers-page'), false);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
