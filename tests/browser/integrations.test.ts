// The integrations page on the demo in Chromium: an admin imports an order file and sees each refused row with its
// row number and reason (the good order reaches the API's customer), creates an API key that is shown once and
// that the events API accepts, revokes it (then refused), reads the webhook URL and copyable curl example and rotates
// the secret, and finds those actions in the audit log by label and person; an operator sees the import tab only, an analyst no integrations page; no page error anywhere.
// It starts a demo server of its own: rotating the webhook secret would break the sandbox shop's orders for the
// files that share the lane's demo server.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickOption } from './pick-option';
import { launchBrowser, startServer, type RunningServer, signedInPage, STEP_TIMEOUT_MS, type Locale } from './start-server';

let server: RunningServer;
let browser: Browser;
let base: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  base = server.base;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signedIn = (email: string, locale: Locale = 'zh-CN'): Promise<Page> => signedInPage(browser, base, pageErrors, { email, locale });

describe('integrations page', () => {
  it('imports an order file and lists each refused row with its reason', async () => {
    const page = await signedIn('admin@demo.siyu.local');
    const list = (await (await page.request.get(`${base}/api/customers?page=1&pageSize=1`)).json()) as { items: Array<{ id: string; externalUserid: string | null }> };
    const ext = list.items[0].externalUserid!;
    await page.goto(`${base}/integrations`);
    await page.getByTestId('integrations-page').waitFor();
    const csv = ['订单号,支付时间,external_userid,商品名称,数量,单价', `BT-IMP-1,2026-03-01 10:00,${ext},保湿霜,2,99`, 'BT-IMP-2,not a date,x,面膜,1,10', ',2026-03-01,y,面膜,1,10'].join('\n');
    await page.locator('input[type="file"]').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('order-import-result').waitFor();
    expect(await page.getByTestId('order-import-imported').textContent()).toBe('1');
    const errors = page.getByTestId('order-import-errors');
    await expect.poll(() => errors.locator('tbody tr').count()).toBe(2);
    expect(await errors.locator('tbody tr').first().textContent()).toContain('3');
    // The reasons are the row codes worded in the chosen language, not the server's English.
    expect(await errors.textContent()).toContain('支付时间不是有效的日期时间');
    expect(await errors.textContent()).toContain('订单号为空');
    expect(await errors.textContent()).not.toMatch(/is not a date|is empty/);
    expect(await page.getByTestId('order-import-result').textContent()).toContain('出错行数');
    // A file of another kind is refused in the page, without a call.
    await page.locator('input[type="file"]').setInputFiles({ name: 'orders.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await page.getByText('只支持 .csv 或 .xlsx 文件').waitFor();
    await page.close();
  });

  it('creates an API key shown once, which the events API accepts until it is revoked', async () => {
    const page = await signedIn('admin@demo.siyu.local', 'en-US');
    await page.goto(`${base}/integrations`);
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByTestId('api-key-add').click();
    // An empty name shows the field's message, no page error.
    await page.locator('#api-key-save').click();
    // What the dialog says after the click (the field's message, or a toast), so that a failure names what it showed.
    // Twice in loaded runs of the whole lane the message never came (not reproduced alone, even under load): if nothing
    // shows for 15 s the click is taken as lost, said in the log, and made once more, as a user would.
    const said = () => page.locator('.ant-form-item-explain-error, .ant-message-notice').allTextContents().then((t) => t.join(' | '));
    try {
      await expect.poll(said, { timeout: 15_000 }).toContain('Enter a name');
    } catch {
      console.log(`[integrations] the empty-name save showed "${await said()}" after 15 s; clicking save again`);
      await page.locator('#api-key-save').click();
      await expect.poll(said, { timeout: STEP_TIMEOUT_MS }).toContain('Enter a name');
    }
    await page.getByTestId('api-key-name').fill('Browser shop');
    await page.locator('#api-key-save').click();
    const secret = page.getByTestId('api-key-secret');
    await secret.waitFor();
    const key = (await secret.locator('code').textContent())!;
    expect(key).toMatch(/^sk_/);
    const table = page.getByTestId('api-keys-table');
    await table.getByText('Browser shop').waitFor();
    expect(await table.textContent()).toContain(key.slice(0, 10));
    expect(await table.textContent()).not.toContain(key);
    const send = () => page.request.post(`${base}/api/events`, { headers: { authorization: `Bearer ${key}` }, data: { events: [{ id: 'bt-key-1', type: 'page_view', occurredAt: new Date().toISOString(), customer: { phone: '13900000001' }, properties: {} }] } });
    expect((await send()).status()).toBe(200);
    await page.getByTestId('api-key-revoke-Browser shop').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /OK|确/ }).click();
    await table.getByText(/^Revoked /).waitFor();
    expect((await send()).status()).toBe(401);
    await page.close();
  });

  it('shows the webhook URL with a signed curl example and rotates the secret', async () => {
    const page = await signedIn('admin@demo.siyu.local');
    const before = (await (await page.request.get(`${base}/api/events/webhook`)).json()) as { path: string; secret: string };
    await page.goto(`${base}/integrations`);
    await page.getByRole('tab', { name: '事件 Webhook' }).click();
    expect(await page.getByTestId('webhook-url').textContent()).toBe(`${base}${before.path}`);
    // The secret is hidden until asked for; the example signs with it.
    expect(await page.getByTestId('webhook-secret').textContent()).not.toContain(before.secret);
    const curl = (await page.getByTestId('webhook-curl').textContent())!;
    expect(curl).toContain('X-Siyu-Signature: sha256=');
    expect(curl).toContain(`${base}${before.path}`);
    await page.getByTestId('webhook-secret-toggle').click();
    expect(await page.getByTestId('webhook-secret').textContent()).toContain(before.secret);
    await page.getByTestId('webhook-rotate').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确|OK/ }).click();
    await page.getByText('签名密钥已更换').waitFor();
    const after = (await (await page.request.get(`${base}/api/events/webhook`)).json()) as { secret: string };
    expect(after.secret).not.toBe(before.secret);
    expect(await page.getByTestId('webhook-secret').textContent()).toContain(after.secret);
    await page.close();
  });

  it('searches the audit log by who and what, with names', async () => {
    const page = await signedIn('admin@demo.siyu.local');
    const me = (await (await page.request.get(`${base}/api/auth/me`)).json()) as { user: { name: string } };
    await page.goto(`${base}/integrations`);
    await page.getByRole('tab', { name: '操作日志' }).click();
    const table = page.getByTestId('audit-table');
    await table.getByText('吊销 API 密钥').waitFor();
    // Actions by label, people by name: the key created and revoked above and the rotated secret.
    const select = (testId: string, label: string) => pickOption(page, page.getByTestId(testId), label);
    await select('audit-action', '创建 API 密钥');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    const row = (await table.locator('tbody tr.ant-table-row').first().textContent())!;
    expect(row).toContain(me.user.name);
    expect(row).toContain('Browser shop');
    await select('audit-actor', '系统');
    await table.getByText('没有符合条件的记录').waitFor();
    await page.close();
  });

  it('an operator sees the import tab only; an analyst has no integrations page', async () => {
    const op = await signedIn('operator@demo.siyu.local');
    await op.goto(`${base}/integrations`);
    await op.getByTestId('integrations-page').waitFor();
    await op.getByRole('tab', { name: '订单导入' }).waitFor();
    expect(await op.getByRole('tab').count()).toBe(1);
    await op.close();
    const an = await signedIn('analyst@demo.siyu.local');
    await an.goto(`${base}/`);
    await an.getByTestId('side-menu').waitFor();
    expect(await an.getByTestId('side-menu').textContent()).not.toContain('集成');
    await an.close();
    expect(pageErrors).toEqual([]);
  });
});
