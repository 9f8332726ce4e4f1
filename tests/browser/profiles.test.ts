// The profile side of the console in a real browser on the demo server: alerts, profile settings kept across a
// reload, a custom field set on a profile, points adjusted, and bulk tagging of a filtered customer list.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServer, launchBrowser, type RunningServer } from './start-server';

const ADMIN = { email: 'admin@demo.siyu.local', password: 'siyu-demo-2026' };

let server: RunningServer;
let browser: Browser;
let page: Page;
let base: string;
let sandbox: string;
let corpId: string;
let staffUserid: string;

type SandboxState = {
  staff: Array<{ userid: string; status: number }>;
  follows: Array<{ userid: string; external_userid: string; tag_ids: string[] }>;
};

async function sb<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function apiGet<T>(path: string): Promise<T> {
  const res = await page.request.get(`${base}${path}`);
  expect(res.ok(), path).toBe(true);
  return (await res.json()) as T;
}

/** The input behind a test id, whether the id sits on the input or on its antd wrapper. */
const input = (testId: string) => page.getByTestId(testId).locator('xpath=descendant-or-self::input').first();

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A sandbox customer befriended by the demo staff member; returns the Siyu customer id once synced. */
async function newFriend(name: string): Promise<{ id: string; ext: string }> {
  const c = await sb<{ external_userid: string }>(`/sandbox/corps/${corpId}/customers`, { name });
  await sb(`/sandbox/corps/${corpId}/add-friend`, { external_userid: c.external_userid, userid: staffUserid });
  const id = await waitFor(`${name} synced`, async () => {
    const list = await apiGet<{ items: Array<{ id: string; externalUserid: string | null }> }>(`/api/customers?q=${encodeURIComponent(c.external_userid)}&page=1&pageSize=5`);
    return list.items.find((i) => i.externalUserid === c.external_userid)?.id;
  });
  return { id, ext: c.external_userid };
}

beforeAll(async () => {
  server = demoServer();
  base = server.base;
  sandbox = /WeCom sandbox: (http:\/\/\S+)\/sandbox/.exec(server.output())![1];
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(`${base}/login`);
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
  corpId = (await apiGet<{ id: string }>('/api/corp')).id;
  await waitFor('demo full sync', async () => {
    const runs = await apiGet<{ runs: Array<{ status: string }> }>('/api/wecom/sync');
    return runs.runs.some((r) => r.status === 'done') || undefined;
  }, 120_000);
  const state = await sb<SandboxState>(`/sandbox/corps/${corpId}/state`);
  staffUserid = state.staff.find((s) => s.status === 1)!.userid;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('profiles in the console', () => {
  it('lists a churn alert raised when a customer deletes their staff member, and handles it', async () => {
    const friend = await newFriend('预警浏览器客户');
    await sb(`/sandbox/corps/${corpId}/customer-deletes-staff`, { external_userid: friend.ext, userid: staffUserid });
    await waitFor('churn alert', async () => {
      const r = await apiGet<{ items: Array<{ customerId: string }> }>('/api/alerts?kind=churn_deleted&pageSize=200');
      return r.items.some((a) => a.customerId === friend.id) || undefined;
    });

    await page.goto(`${base}/alerts`);
    await page.getByTestId('alerts-page').waitFor();
    await page.getByTestId('alerts-kinds').getByText(/删除员工 \(\d+\)/).click();
    const row = page.getByTestId('alerts-table').locator('tr', { hasText: '预警浏览器客户' });
    await row.waitFor();
    await expect(row.getByRole('link', { name: '预警浏览器客户' }).getAttribute('href')).resolves.toBe(`/customers/${friend.id}`);
    await row.getByTestId('alert-done').click();
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('alerts-status').getByText('已处理').click();
    await page.getByTestId('alerts-table').locator('tr', { hasText: '预警浏览器客户' }).waitFor();
  });

  it('keeps a changed alert setting across a reload, shows the server refusing bad levels, and adds a repurchase cycle', async () => {
    await page.goto(`${base}/profile-settings`);
    await page.getByTestId('profile-settings').waitFor();
    await input('inactive-days').fill('45');
    await page.getByTestId('alert-settings-save').click();
    await page.getByText('已保存').first().waitFor();
    await page.reload();
    await page.getByTestId('profile-settings').waitFor();
    await expect(input('inactive-days').inputValue()).resolves.toBe('45');
    expect((await apiGet<{ alerts: { inactiveDays: number } }>('/api/profile-settings')).alerts.inactiveDays).toBe(45);

    await page.getByRole('tab', { name: '会员等级' }).click();
    await page.getByTestId('level-add').click();
    await input('level-growth-2').fill('0');
    await page.getByTestId('levels-save').click();
    await page.getByTestId('save-error').getByText('成长值门槛逐级递增', { exact: false }).waitFor();

    await page.getByRole('tab', { name: '复购周期' }).click();
    await input('cycle-value').fill('MILK-1L');
    await input('cycle-days').fill('7');
    await page.getByTestId('cycle-save').click();
    await page.getByTestId('repurchase-cycles').locator('tr', { hasText: 'MILK-1L' }).getByText('7', { exact: true }).waitFor();
    const cycles = await apiGet<{ items: Array<{ match: string; value: string; cycleDays: number }> }>('/api/profile-settings/repurchase-cycles');
    expect(cycles.items).toContainEqual(expect.objectContaining({ match: 'sku', value: 'MILK-1L', cycleDays: 7 }));
  });

  it('creates a custom field, sets it on a customer profile and adjusts the points there', async () => {
    await page.goto(`${base}/profile-settings`);
    await page.getByRole('tab', { name: '自定义字段' }).click();
    await page.getByTestId('custom-fields').waitFor();
    await page.getByTestId('custom-field-add').click();
    await input('custom-field-key').fill('favorite_fruit');
    await input('custom-field-label').fill('最爱水果');
    await page.getByTestId('custom-field-ok').click();
    await page.getByTestId('custom-fields-table').getByText('favorite_fruit').waitFor();

    const friend = await newFriend('字段浏览器客户');
    await page.goto(`${base}/customers/${friend.id}`);
    await page.getByTestId('customer-profile-page').waitFor();
    await page.getByTestId('profile-fields-edit').click();
    await input('field-input-favorite_fruit').fill('山竹');
    await page.getByTestId('profile-fields-save').click();
    await page.getByTestId('field-value-favorite_fruit').getByText('山竹').waitFor();
    const profile = await apiGet<{ customFields: Array<{ key: string; value: unknown }> }>(`/api/customers/${friend.id}/profile`);
    expect(profile.customFields.find((f) => f.key === 'favorite_fruit')?.value).toBe('山竹');

    const before = Number(await page.getByTestId('profile-points').textContent());
    await page.getByTestId('points-adjust').click();
    await page.getByLabel('积分变动（正数发放，负数扣减）').fill('50');
    await page.getByLabel('原因').fill('浏览器测试');
    await page.getByTestId('points-adjust-ok').click();
    await page.getByTestId('profile-points').getByText(String(before + 50), { exact: true }).waitFor();
  });

  it('bulk-tags every customer matching the list filter, with progress to the end, and the tag shows', async () => {
    const tag = await page.request.post(`${base}/api/tags`, { data: { groupName: '浏览器测试', tags: ['批量浏览器标签'] } });
    expect(tag.status()).toBe(201);
    const tagId = ((await tag.json()) as { tags: Array<{ tagId: string }> }).tags[0].tagId;
    const friends = [await newFriend('批量浏览器客户甲'), await newFriend('批量浏览器客户乙')];

    await page.goto(`${base}/customers`);
    await page.getByTestId('customers-page').waitFor();
    await input('customers-search').fill('批量浏览器客户');
    await input('customers-search').press('Enter');
    await page.getByText('共 2 条').waitFor();
    await page.getByTestId('customers-bulk-tag').click();
    await page.getByText('符合当前筛选的全部 2 位客户').click();
    await page.getByTestId('bulk-tag-add').click();
    await page.keyboard.type('批量浏览器标签');
    await page.locator('.ant-select-item-option', { hasText: '批量浏览器标签' }).click();
    await page.locator('.ant-modal-title').click(); // closes the dropdown
    await page.getByTestId('bulk-tag-ok').click();
    const progress = page.locator('[data-testid="bulk-tag-progress"][data-status="done"]');
    await progress.waitFor({ timeout: 30_000 });
    await expect(progress.getAttribute('data-percent')).resolves.toBe('100');
    await page.getByTestId('bulk-tag-result').getByText('完成：2 位客户，2 个好友关系已更新，0 个失败').waitFor();
    await page.getByTestId('bulk-tag-ok').click();
    await page.getByTestId('customers-table').locator('tr', { hasText: '批量浏览器客户甲' }).getByText('批量浏览器标签').waitFor();
    await page.getByTestId('customers-table').locator('tr', { hasText: '批量浏览器客户乙' }).getByText('批量浏览器标签').waitFor();

    const state = await sb<SandboxState>(`/sandbox/corps/${corpId}/state`);
    for (const f of friends) expect(state.follows.find((x) => x.external_userid === f.ext)?.tag_ids).toContain(tagId);
  });
  it('shows the columns an operator picks, sorts by them and exports what it shows', async () => {
    await page.goto(`${base}/customers`);
    await page.getByTestId('customers-page').waitFor();
    await page.getByTestId('customers-columns').click();
    await page.getByTestId('customers-columns-picker').getByText('订单数').click();
    await page.keyboard.press('Escape');
    const header = page.getByTestId('customers-table').locator('th', { hasText: '订单数' });
    await header.waitFor();
    // The order is controlled by the page: each click waits for the header to show the order it asked for, since a second
    // click that lands before the first has re-rendered asks for ascending again.
    await header.click();
    await page.getByTestId('customers-table').locator('th[aria-sort="ascending"]', { hasText: '订单数' }).waitFor();
    await header.click();
    await page.getByTestId('customers-table').locator('th[aria-sort="descending"]', { hasText: '订单数' }).waitFor();
    const top = await page.request.post(`${base}/api/customers/search`, {
      data: { rule: { all: [] }, columns: ['name', 'avatar', 'orderCount'], sort: { by: 'orderCount', dir: 'desc' }, page: 1, pageSize: 1, withTotal: false },
    });
    const best = ((await top.json()) as { items: Array<{ name: string; avatar: string | null; orderCount: string }> }).items[0];
    expect(Number(best.orderCount)).toBeGreaterThan(0);
    const firstRow = page.getByTestId('customers-table').locator('tbody tr.ant-table-row').first();
    await firstRow.getByText(best.name).waitFor();
    // The name column shows the customer's WeCom avatar.
    expect(best.avatar).toBeTruthy();
    await firstRow.locator(`img[src="${best.avatar}"]`).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('customers-export').click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const headerRow = book.worksheets[0].getRow(1).values as unknown[];
    expect(headerRow).toContain('orderCount');
    expect(book.worksheets[0].rowCount).toBeGreaterThan(1);
    // The choice is kept for the next visit.
    await page.reload();
    await page.getByTestId('customers-table').locator('th', { hasText: '订单数' }).waitFor();
  });
  it('applies a saved stage rule to every customer at once, and the apply button runs it again with a progress bar and what moved', async () => {
    const rule = { kind: 'orders', measure: 'count', op: 'gte', value: 1 };
    const buyers = await page.request.post(`${base}/api/customers/search`, { data: { rule, page: 1, pageSize: 1 } });
    const expected = ((await buyers.json()) as { total: number }).total;
    expect(expected).toBeGreaterThan(0);
    const created = await page.request.post(`${base}/api/pipelines`, { data: { name: '浏览器旅程', stages: [{ name: '未购' }, { name: '已购', rule }] } });
    expect(created.status()).toBe(201);
    const pipelineId = ((await created.json()) as { id: string }).id;

    // Saving the pipeline with its rule started a run: the buyers are in 已购 without pressing anything.
    await page.goto(`${base}/stages`);
    const card = page.locator('.ant-card', { hasText: '浏览器旅程' });
    await card.locator('tr', { hasText: '已购' }).getByText(String(expected), { exact: true }).first().waitFor({ timeout: 60_000 });
    await card.getByTestId('stages-last-run').getByText(`手动`, { exact: false }).waitFor();

    // Applying again follows the run to its end and says that nobody was left to move.
    await card.getByTestId('stages-apply-rules').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.getByTestId('stages-apply-run').locator('.ant-progress-status-success').waitFor();
    await page.getByTestId('stages-apply-result').getByText('已购：0 位').waitFor();
    await expect(page.getByTestId('stages-apply-moved').textContent()).resolves.toBe('已推进 0 位客户');
    await page.getByRole('dialog').getByRole('button', { name: /关\s*闭/ }).click();
    const runs = await apiGet<{ items: Array<{ status: string; moved: number; trigger: string }> }>(`/api/pipelines/${pipelineId}/rule-runs`);
    expect(runs.items.map((r) => [r.status, r.moved, r.trigger])).toEqual([
      ['done', 0, 'manual'],
      ['done', expected, 'manual'],
    ]);
  });
});
