// Customer SOP in Chromium on the demo: an operator creates a flow from the 7-day nurture template, edits a step's
// text in the editor (an empty message is refused at that step), saves and activates it (the saved flow holds the new
// text); removing a step of the running flow asks where its customers go; the list shows it running with its entry in
// words (and in English); its detail shows the per-step chart and a dry run with each step by name. A staff member, whose
// new customer (added in the WeCom sandbox) runs a flow's remind step, sees the task with the customer's name and the
// content in "my SOP tasks" and marks it done; the operator finds that customer in the 7-day flow's customers table and
// removes them. The contact budget and quiet hours are saved (and put back).
import type { SopFlow, SopSettings, SopTask } from '@siyu/contracts';
import type { Browser, Page } from 'playwright-core';
import { pickOption } from './pick-option';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoServer, launchBrowser, type RunningServer, signedInPage, type Locale } from './start-server';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];
const DEMO_CORP = 'ww5a1d0c0de0000001';
const FLOW = '浏览器新客培育';
const TEXT = '浏览器SOP：您好，我是您的专属顾问小张';
const TASK_TEXT = '浏览器SOP任务：请给新客户发送门店地址';
let flowId = '';

beforeAll(async () => {
  server = demoServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signedIn = (email = 'admin@demo.siyu.local', locale: Locale = 'zh-CN'): Promise<Page> => signedInPage(browser, server.base, pageErrors, { email, locale });

const confirm = (page: Page) => page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary').click();

describe('customer SOP pages', () => {
  it('creates a flow from the 7-day template, edits a step, activates it and lists it running', async () => {
    const page = await signedIn();
    await page.goto(`${server.base}/sop`);
    await page.getByTestId('sop-page').waitFor();
    await page.getByTestId('sop-create').click();
    await page.getByTestId('sop-template-new_customer_7d').click();
    await page.getByTestId('sop-editor').waitFor();
    flowId = /\/sop\/([^/]+)\/edit/.exec(page.url())![1];
    await page.getByTestId('sop-name').fill(FLOW);
    // The second step (day 1's message) gets new text.
    const step = page.getByTestId('sop-step-1');
    expect(await step.getByTestId('sop-step-name').inputValue()).toContain('第 1 天');
    // A message with no text and no material is refused; the message shows at that step.
    await step.getByTestId('sop-content-text').fill('');
    await page.getByTestId('sop-save').click();
    await step.getByTestId('sop-step-problem').waitFor();
    expect(await page.getByTestId('sop-step-problem').count()).toBe(1);
    await step.getByTestId('sop-content-text').fill(TEXT);
    await page.getByTestId('sop-save').click();
    await page.getByTestId('sop-detail-name').filter({ hasText: FLOW }).waitFor();

    const saved = (await (await page.request.get(`${server.base}/api/sop/flows/${flowId}`)).json()) as SopFlow;
    const intro = saved.steps[1];
    expect(intro.kind === 'message' && intro.content.text).toBe(TEXT);
    expect(saved.status).toBe('draft');

    await page.getByTestId('sop-activate').click();
    await confirm(page);
    await page.getByTestId('sop-flow-status').filter({ hasText: '运行中' }).waitFor();
    expect(((await (await page.request.get(`${server.base}/api/sop/flows/${flowId}`)).json()) as SopFlow).status).toBe('active');

    // Editing the running flow: the branch step is removed, and its customers are sent to the end.
    await page.getByTestId('sop-edit').click();
    await page.getByTestId('sop-editor').waitFor();
    await page.getByTestId('sop-step-4').getByTestId('sop-step-remove').click();
    await page.getByTestId('sop-save').click();
    await pickOption(page, page.getByTestId('sop-move-4'), '结束流程');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('sop-detail').waitFor();
    const edited = (await (await page.request.get(`${server.base}/api/sop/flows/${flowId}`)).json()) as SopFlow;
    expect(edited.steps.map((s) => s.id)).toEqual(['day1_wait', 'day1_intro', 'day3_wait', 'day3_brand', 'day7_wait', 'day7_offer']);
    expect(edited.status).toBe('active');

    await page.goto(`${server.base}/sop`);
    const row = page.getByTestId('sop-flows').locator('tr').filter({ hasText: FLOW });
    await row.waitFor();
    expect(await row.getByTestId('sop-flow-status').textContent()).toBe('运行中');
    expect(await row.getByTestId('sop-flow-entry').textContent()).toBe('添加好友');
    expect(pageErrors).toEqual([]);
  });

  it('shows the flow\'s stats per step and a dry run with each step by name', async () => {
    const page = await signedIn();
    await page.goto(`${server.base}/sop`);
    await page.getByTestId('sop-flows').locator('tr').filter({ hasText: FLOW }).getByTestId('sop-flow-name').click();
    await page.getByTestId('sop-detail').waitFor();
    await page.getByTestId('sop-step-chart').waitFor();
    expect(await page.getByTestId('sop-step-table').textContent()).toContain('6. 第 7 天：首单优惠');
    expect(Number(await page.getByTestId('sop-stat-entered').textContent())).toBeGreaterThanOrEqual(0);

    await page.getByRole('tab', { name: '试运行' }).click();
    await page.getByTestId('sop-dry-run-start').click();
    await page.getByTestId('sop-dry-run-entered').waitFor();
    expect(Number(await page.getByTestId('sop-dry-run-entered').textContent())).toBeGreaterThanOrEqual(0);
    const steps = await page.getByTestId('sop-dry-run-steps').textContent();
    expect(steps).toContain('1. 次日上午');
    expect(steps).toContain('6. 第 7 天：首单优惠');
    expect(await page.getByTestId('sop-dry-run-note').first().textContent()).toMatch(/今天的数据/);

    // The list reads in English too.
    const en = await signedIn('admin@demo.siyu.local', 'en-US');
    await en.goto(`${server.base}/sop`);
    const row = en.getByTestId('sop-flows').locator('tr').filter({ hasText: FLOW });
    await row.waitFor();
    expect(await row.getByTestId('sop-flow-status').textContent()).toBe('Running');
    expect(await row.getByTestId('sop-flow-entry').textContent()).toBe('Added as a contact');
    expect(pageErrors).toEqual([]);
  });

  it('a staff member sees the task a flow gave them for a new customer and marks it done', async () => {
    const admin = await signedIn();
    const headers = { origin: server.base };
    const created = await admin.request.post(`${server.base}/api/sop/flows`, {
      headers,
      data: {
        name: '浏览器提醒',
        entry: { kind: 'event', event: 'follow.added' },
        condition: null,
        reentry: 'never',
        exit: { leaveWhenConditionFails: false },
        holdoutPercent: 0,
        steps: [{ id: 'r1', kind: 'remind', name: '发门店地址', content: { text: TASK_TEXT } }],
      },
    });
    expect(created.status()).toBe(201);
    const reminder = (await created.json()) as SopFlow;
    expect((await admin.request.post(`${server.base}/api/sop/flows/${reminder.id}/activate`, { headers })).status()).toBe(200);

    // A customer adds staff001 (the demo staff user) in WeCom.
    const sandbox = server.base.replace(/:(\d+)$/, (_, p: string) => `:${Number(p) + 1000}`);
    const customer = (await (await fetch(`${sandbox}/sandbox/corps/${DEMO_CORP}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '浏览器SOP客户' }),
    })).json()) as { external_userid: string };
    const added = await fetch(`${sandbox}/sandbox/corps/${DEMO_CORP}/add-friend`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ external_userid: customer.external_userid, userid: 'staff001' }),
    });
    expect(added.ok).toBe(true);

    const staff = await signedIn('staff@demo.siyu.local');
    await staff.goto(`${server.base}/sop/tasks`);
    await staff.getByTestId('sop-tasks').waitFor();
    const task = staff.getByTestId('sop-task').filter({ hasText: TASK_TEXT });
    await expect
      .poll(async () => {
        await staff.getByTestId('sop-tasks-reload').click();
        return task.count();
      }, { timeout: 60_000, interval: 1000 })
      .toBe(1);
    expect(await task.getByTestId('sop-task-customer').textContent()).toBe('浏览器SOP客户');
    await task.getByTestId('sop-task-done').click();
    await task.waitFor({ state: 'detached' });

    const done = (await (await staff.request.get(`${server.base}/api/sop/tasks?status=done`)).json()) as { items: SopTask[] };
    expect(done.items.filter((t) => t.content?.text === TASK_TEXT).map((t) => [t.customerName, t.staffUserid])).toEqual([['浏览器SOP客户', 'staff001']]);

    // The same customer entered the 7-day flow too: its customers table names them, their staff member and step; the
    // operator removes them from the flow.
    await admin.goto(`${server.base}/sop/${flowId}`);
    await admin.getByRole('tab', { name: '客户' }).click();
    const enrollment = admin.getByTestId('sop-enrollments').locator('tr').filter({ hasText: '浏览器SOP客户' });
    await expect
      .poll(async () => {
        await admin.getByTestId('sop-reload').click();
        return enrollment.count();
      }, { timeout: 60_000, interval: 1000 })
      .toBe(1);
    expect(await enrollment.textContent()).toContain('1. 次日上午');
    await enrollment.getByTestId('sop-enrollment-remove').click();
    await confirm(admin);
    await enrollment.getByText('已移出').waitFor();
    const list = (await (await admin.request.get(`${server.base}/api/sop/flows/${flowId}/enrollments?status=removed`)).json()) as { items: Array<{ customerName: string }> };
    expect(list.items.map((e) => e.customerName)).toEqual(['浏览器SOP客户']);
    expect(pageErrors).toEqual([]);
  });

  it('saves the contact budget and quiet hours', async () => {
    const page = await signedIn();
    const before = (await (await page.request.get(`${server.base}/api/sop/settings`)).json()) as SopSettings;
    await page.goto(`${server.base}/sop/settings`);
    await page.getByTestId('sop-settings-day').fill('2');
    await page.getByTestId('sop-settings-quiet').getByText('设置', { exact: true }).click();
    await page.getByTestId('sop-settings-quiet-start').fill('21:30');
    await page.getByTestId('sop-settings-save').click();
    await page.getByText('已保存').first().waitFor();
    const settings = (await (await page.request.get(`${server.base}/api/sop/settings`)).json()) as SopSettings;
    expect(settings).toMatchObject({ maxPerDay: 2, quietStart: '21:30', quietEnd: '08:00' });
    // Put the corp's budget back: other files' flows and broadcasts run on the same demo.
    expect((await page.request.put(`${server.base}/api/sop/settings`, { data: before, headers: { origin: server.base } })).ok()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
