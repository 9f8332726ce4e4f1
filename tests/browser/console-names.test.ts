// The console speaks the operator's language, on the demo in Chromium: a nested segment built with pickers only
// (staff by name, tag by group / tag) saves the picked ids, shows its count at once and opens a member's profile;
// an order placed on the sandbox's "be a customer" page reaches the open profile through Siyu's signed events
// webhook; Ant Design's own strings follow the chosen language; an invalid form submit shows field messages and no
// page error.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOf } from './pick-option';
import type { Rule, RuleOptions } from '@siyu/contracts';
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

// Picks an option in this select's own dropdown, typing `search` first when given.
async function pick(page: Page, select: Locator, label: string, search?: string): Promise<void> {
  await select.click();
  if (search) await select.locator('input').first().fill(search);
  const dropdown = await listOf(page, select);
  await dropdown.locator('.ant-select-item-option').filter({ hasText: label }).first().click();
  // A multiple select keeps its list open; leaving the field closes it (Escape would close the drawer too).
  await select.locator('input').first().blur();
  await dropdown.waitFor({ state: 'hidden' }).catch(() => undefined);
}

describe('names, never ids', () => {
  it('builds a nested segment with pickers only, shows its count at once and opens a member', async () => {
    const page = await signedIn();
    const api = page.request;
    const options = (await (await api.get(`${base}/api/segments/rule-options`)).json()) as RuleOptions;
    // A staff member who follows customers, and a tag, both picked by name.
    const first = (await (await api.get(`${base}/api/customers?page=1&pageSize=1`)).json()) as { items: Array<{ owners: string[] }> };
    const staff = options.staff.find((s) => s.userid === first.items[0].owners[0])!;
    const tag = options.tags[0];
    expect(staff && tag).toBeTruthy();

    await page.goto(`${base}/segments`);
    await page.getByTestId('segments-new').click();
    await page.getByTestId('segments-name').fill('界面-嵌套分群');
    const editor = page.getByTestId('segments-editor');
    await editor.getByRole('button', { name: '添加条件组' }).click();
    // The inner group (rendered before the outer group's own controls) becomes "any of".
    const inner = editor.locator('.ant-card .ant-card').first();
    await pick(page, inner.locator('.ant-card-head .ant-select').first(), '满足任一条件');
    await pick(page, inner.getByTestId('segments-add-condition'), '跟进员工');
    await pick(page, inner.getByTestId('rule-owner-picker'), staff.name, staff.name);
    await pick(page, inner.getByTestId('segments-add-condition'), '标签');
    await pick(page, inner.getByTestId('rule-tags-picker'), `${tag.groupName} / ${tag.name}`, tag.name);
    // The pickers show names, never the ids they store.
    await expect.poll(() => editor.textContent()).toContain(staff.name);
    expect(await editor.textContent()).not.toContain(staff.userid);
    const live = page.getByTestId('segments-live-count').locator('.ant-statistic-content-value');
    await live.filter({ hasText: /^\d/ }).waitFor();
    const previewCount = Number((await live.textContent())!.replace(/\D/g, ''));
    expect(previewCount).toBeGreaterThan(0);
    expect(await page.getByTestId('rule-problem').count()).toBe(0);
    await page.getByTestId('segments-save').click();
    await page.getByTestId('segments-editor').waitFor({ state: 'hidden' });

    // The list shows the count at once (the preview's, then the refresh job's), not 0 until a reload.
    const row = page.getByTestId('segments-table').locator('tr', { hasText: '界面-嵌套分群' });
    expect(Number((await row.getByTestId('segment-count').textContent())!.replace(/\D/g, ''))).toBe(previewCount);
    const list = (await (await api.get(`${base}/api/segments`)).json()) as { items: Array<{ name: string; rule: Rule }> };
    expect(list.items.find((s) => s.name === '界面-嵌套分群')!.rule).toEqual({
      all: [{ any: [{ kind: 'owner', staffUserids: [staff.userid] }, { kind: 'tags', match: 'any', tagIds: [tag.id] }] }],
    });
    await expect.poll(async () => (await row.getByTestId('segment-count').locator('.anticon-loading').count()), { timeout: 60_000 }).toBe(0);

    // A member row opens the customer's profile.
    await row.locator('a', { hasText: '界面-嵌套分群' }).click();
    const member = page.getByTestId('segments-members').getByTestId('segment-member').first();
    const memberName = (await member.textContent())!;
    await member.click();
    await page.getByTestId('customer-profile-page').waitFor();
    expect(page.url()).toMatch(/\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('customer-profile-page').locator('h1, h2, h3, h4').first().textContent(), { timeout: 60_000 }).toContain(memberName);
    await page.close();
  }, 300_000);
});

describe('data that flows', () => {
  it('an order placed on the sandbox page shows on the open profile within 2 s', async () => {
    const page = await signedIn();
    const api = page.request;
    const found = (await (await api.get(`${base}/api/customers?page=1&pageSize=1`)).json()) as { items: Array<{ id: string; externalUserid: string; name: string; owners: string[] }> };
    const customer = found.items[0];
    const sandboxUrl = base.replace(/:(\d+)$/, (_, p: string) => `:${Number(p) + 1000}`);
    // A phone the staff member notes in WeCom (remark_mobiles, saved as the sandbox page's button does) shows on the
    // profile; an admin sees it in full.
    const noted = `137${String(Date.now()).slice(-8)}`;
    expect((await api.post(`${sandboxUrl}/sandbox/corps/ww5a1d0c0de0000001/edit-customer`, { data: { external_userid: customer.externalUserid, userid: customer.owners[0], remark_mobiles: [noted] } })).ok()).toBe(true);
    await expect
      .poll(async () => JSON.stringify(await (await api.get(`${base}/api/customers/${customer.id}/profile`)).json()), { timeout: 30_000 })
      .toContain(noted);
    // The profile renders fast: from navigation to the customer's name and first timeline row. A full page load pays
    // for the console's bundle and sign-in check; opening it from a console page (a link, history) pays for the
    // profile alone — its requests go out together, not profile first and timeline after.
    const profileShown = async (): Promise<void> => {
      await page.getByTestId('customer-profile-page').locator('h1, h2, h3, h4').filter({ hasText: customer.name }).first().waitFor();
      await page.getByTestId('timeline-item').first().waitFor();
    };
    let started = Date.now();
    await page.goto(`${base}/customers/${customer.id}`);
    await profileShown();
    const fullMs = Date.now() - started;
    await page.goto(`${base}/customers`);
    await page.getByTestId('customers-page').locator('tbody tr').first().waitFor();
    started = Date.now();
    await page.evaluate(`history.pushState({}, '', '/customers/${customer.id}'); dispatchEvent(new PopStateEvent('popstate'))`);
    await profileShown();
    const inAppMs = Date.now() - started;
    await page.getByTestId('profile-points').waitFor();
    expect(await page.getByTestId('profile-phones').innerText()).toContain(noted);
    console.log(`[console-names] profile: name + timeline in ${inAppMs} ms opened in the console, ${fullMs} ms on a full page load`);
    // 0.5-0.6 s measured at load 12 on 2 cores (0.9-2.0 s before the requests went out together), 5 s at load 23;
    // the bound catches a return to sequential loading on a loaded CI, not a slow machine.
    expect(inAppMs).toBeLessThan(10_000);

    const shop = await browser.newPage();
    await shop.goto(`${sandboxUrl}/sandbox?corp=ww5a1d0c0de0000001`);
    await shop.locator(`#customer option[value="${customer.externalUserid}"]`).waitFor({ state: 'attached' });
    await shop.selectOption('#customer', customer.externalUserid);
    await shop.fill('#item', '界面测试车厘子');
    await shop.fill('#amount', '321');
    await expect.poll(() => shop.locator('#shop').textContent()).toContain('/hooks/events/');
    const placed = Date.now();
    await shop.click('#order');
    await expect.poll(() => shop.locator('#out').textContent()).toContain('"accepted": 1');
    const item = page.getByTestId('timeline-item').filter({ hasText: '界面测试车厘子' });
    await item.waitFor({ timeout: 10_000 });
    const shownMs = Date.now() - placed;
    console.log(`[console-names] order shown on the profile ${shownMs} ms after the click`);
    // 1.3 s measured at load 12 on 2 cores (the profile polls every 1.5 s); the bound leaves room for a loaded CI.
    expect(shownMs).toBeLessThan(10_000);
    expect(await item.textContent()).toContain('下单');
    expect(await item.textContent()).toContain('¥321');
    await shop.close();
    await page.close();
  }, 300_000);
});

describe('polish', () => {
  it("Ant Design's strings follow the language; an invalid form shows field messages and no page error", async () => {
    const zh = await signedIn('zh-CN');
    await zh.goto(`${base}/customers`);
    await zh.getByTestId('customers-page').locator('.ant-pagination').waitFor();
    expect(await zh.getByTestId('customers-page').locator('.ant-pagination').textContent()).toContain('条/页');
    await zh.goto(`${base}/channels`);
    await zh.getByTestId('channel-new').click();
    await zh.getByTestId('channel-save').click();
    await zh.getByTestId('channel-form').locator('.ant-form-item-explain-error').first().waitFor();
    expect(await zh.getByTestId('channel-form').locator('.ant-form-item-explain-error').first().textContent()).toMatch(/请输入|必填/);
    // The calendar (dayjs, global) follows the language too: a Chinese month header and weekdays.
    await zh.goto(`${base}/fission`);
    await zh.getByTestId('fission-create').click();
    await zh.getByTestId('fission-form').locator('.ant-picker').first().click();
    const calendar = zh.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').first();
    await calendar.waitFor();
    expect(await calendar.innerText()).toMatch(/\d+月/);
    expect(await calendar.locator('thead').first().innerText()).toMatch(/一\s*二\s*三/);
    await zh.close();

    const en = await signedIn('en-US');
    await en.goto(`${base}/customers`);
    await en.getByTestId('customers-page').locator('.ant-pagination').waitFor();
    expect(await en.getByTestId('customers-page').locator('.ant-pagination').textContent()).toContain('/ page');
    await en.close();
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
