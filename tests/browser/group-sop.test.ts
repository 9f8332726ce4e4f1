// Group SOP in Chromium on the demo: an operator builds a plan in the editor (a group picked by name, a daily and a
// weekly push) and sees the calendar preview of the next pushes in Beijing time; the saved plan shows the group it
// matches; a one-off push due a few seconds later becomes the owner's group mass message in the sandbox, and the
// plan's results name the group and its owner. The list reads in English too.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickOption } from './pick-option';
import { demoServer, launchBrowser, type RunningServer, signedInPage, type Locale } from './start-server';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];
const DEMO_CORP = 'ww5a1d0c0de0000001';
const TEXT = '浏览器群SOP：今晚 8 点闪购';

beforeAll(async () => {
  server = demoServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signedIn = (locale: Locale = 'zh-CN'): Promise<Page> => signedInPage(browser, server.base, pageErrors, { locale });

describe('group SOP page', () => {
  it('builds a plan with a calendar preview, and a due push reaches the group owner', async () => {
    const page = await signedIn();
    let options: Array<{ chatId: string; name: string }> = [];
    await expect
      .poll(async () => {
        const body = (await (await page.request.get(`${server.base}/api/segments/rule-options`)).json()) as { groups: Array<{ chatId: string; name: string }> };
        options = body.groups.filter((g) => g.name);
        return options.length;
      }, { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(0);
    const group = options[0];

    await page.goto(`${server.base}/group-sop`);
    await page.getByTestId('group-sop-page').waitFor();
    await page.getByTestId('group-sop-create').click();
    await page.getByTestId('group-sop-name').fill('浏览器群SOP');
    const groups = page.getByTestId('group-sop-groups');
    await pickOption(page, groups, group.name, { search: group.name });
    await page.getByTestId('push-text-0').fill(TEXT);
    await expect.poll(() => page.getByTestId('group-sop-calendar-item').count()).toBe(10);
    expect(await page.getByTestId('group-sop-calendar-item').first().textContent()).toContain('08:00');
    await page.getByTestId('group-sop-add-push').click();
    await page.getByTestId('push-kind-1').getByText('每周').click();
    await page.getByTestId('push-time-1').fill('20:00');
    await page.getByTestId('push-text-1').fill('每周闪购提醒');
    await expect.poll(async () => (await page.getByTestId('group-sop-calendar').textContent()) ?? '').toContain('20:00');
    await page.getByTestId('group-sop-save').click();
    await page.getByTestId('group-sop-detail').waitFor();
    await expect.poll(() => page.getByTestId('group-sop-title').textContent()).toBe('浏览器群SOP');
    expect(await page.getByTestId('group-sop-groups-now').textContent()).toBe('当前匹配 1 个客户群');
    expect(await page.getByTestId('group-sop-push-row').count()).toBe(2);

    // A one-off push due in three seconds, for the same group.
    const created = await page.request.post(`${server.base}/api/group-sop/plans`, {
      headers: { origin: server.base },
      data: { name: '浏览器单次推送', selection: { chatIds: [group.chatId] }, pushes: [{ schedule: { kind: 'once', at: new Date(Date.now() + 3000).toISOString() }, action: 'group_message', content: { text: TEXT } }] },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await page.goto(`${server.base}/group-sop/${id}`);
    await page.getByTestId('group-sop-detail').waitFor();
    await expect
      .poll(async () => {
        await page.getByTestId('group-sop-reload').click();
        return page.getByTestId('group-sop-run-state').first().textContent({ timeout: 2000 }).catch(() => '');
      }, { timeout: 60_000, interval: 1000 })
      .toBe('已创建，待群主发送');
    const row = (await page.getByTestId('group-sop-runs').locator('tbody tr').first().textContent()) ?? '';
    expect(row).toContain(group.name);
    expect(row).not.toContain(group.chatId);
    const sandbox = server.base.replace(/:(\d+)$/, (_, p: string) => `:${Number(p) + 1000}`);
    const state = (await (await fetch(`${sandbox}/sandbox/corps/${DEMO_CORP}/state`)).json()) as { msg_tasks: Array<{ chat_type: string; text: { content?: string } | null }> };
    expect(state.msg_tasks.filter((t) => t.text?.content === TEXT).map((t) => t.chat_type)).toEqual(['group']);

    const en = await signedIn('en-US');
    await en.goto(`${server.base}/group-sop`);
    await en.getByTestId('group-sop-page').waitFor();
    await expect.poll(() => en.getByRole('heading', { name: 'Group SOP · content calendar' }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
