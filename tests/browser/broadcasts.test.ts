// Mass messages in Chromium on the demo: an operator builds a broadcast from a segment in the wizard (segment picked
// by name, the preview per staff member), sends it, sees each staff member's task created in WeCom; once the staff
// members send it (in the sandbox) and the results are pulled, the detail shows delivered recipients, the reach rate
// and the outcome chart.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickOption } from './pick-option';
import { demoServer, launchBrowser, type RunningServer, signedInPage } from './start-server';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];
const DEMO_CORP = 'ww5a1d0c0de0000001';
const TEXT = '浏览器群发：周末会员日';

beforeAll(async () => {
  server = demoServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signedIn = (): Promise<Page> => signedInPage(browser, server.base, pageErrors);

describe('broadcasts page', () => {
  it('builds and sends a broadcast from a segment and sees its results', async () => {
    const page = await signedIn();
    const seg = await page.request.post(`${server.base}/api/segments`, {
      data: { name: '浏览器群发分群', kind: 'segment', rule: { kind: 'attribute', field: 'name', op: 'is_set' } },
      headers: { origin: server.base },
    });
    expect(seg.status()).toBe(201);

    await page.goto(`${server.base}/broadcasts`);
    await page.getByTestId('broadcasts-page').waitFor();
    await page.getByTestId('broadcast-create').click();
    const segment = page.getByTestId('audience-segment');
    await pickOption(page, segment, '浏览器群发分群', { search: '浏览器群发分群' });
    await page.getByTestId('broadcast-next').click();
    const recipients = Number(await page.getByTestId('preview-recipients').textContent());
    expect(recipients).toBeGreaterThan(0);
    await page.getByTestId('broadcast-next').click();
    await page.getByTestId('broadcast-text-0').fill(TEXT);
    await page.getByTestId('broadcast-next').click();
    await page.getByTestId('broadcast-name').fill('浏览器群发');
    await page.getByTestId('broadcast-submit').click();
    await page.getByTestId('broadcast-detail').waitFor();
    await expect
      .poll(async () => {
        await page.getByTestId('broadcast-reload').click();
        return page.getByTestId('broadcast-status').first().textContent();
      }, { timeout: 60_000, interval: 1000 })
      .toBe('等待员工发送');
    expect(await page.getByTestId('broadcast-tasks').textContent()).toContain('已创建');

    // The staff members send it in WeCom (the sandbox); the results are pulled.
    const sandbox = server.base.replace(/:(\d+)$/, (_, p: string) => `:${Number(p) + 1000}`);
    const state = (await (await fetch(`${sandbox}/sandbox/corps/${DEMO_CORP}/state`)).json()) as { msg_tasks: Array<{ msgid: string; creator: string; text: { content?: string } | null }> };
    const mine = state.msg_tasks.filter((t) => t.text?.content === TEXT);
    expect(mine.length).toBeGreaterThan(0);
    for (const t of mine) {
      const r = await fetch(`${sandbox}/sandbox/corps/${DEMO_CORP}/groupmsg/${t.msgid}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userid: t.creator }) });
      expect(r.status).toBe(200);
    }
    await page.getByTestId('broadcast-pull').click();
    await expect
      .poll(async () => {
        await page.getByTestId('broadcast-reload').click();
        return Number(await page.getByTestId('broadcast-sent').textContent());
      }, { timeout: 60_000, interval: 1000 })
      .toBeGreaterThan(0);
    expect(await page.getByTestId('broadcast-reach-rate').textContent()).toMatch(/%$/);
    await page.getByRole('tab', { name: '效果' }).click();
    await page.getByTestId('outcome-chart').waitFor();
    expect(await page.getByTestId('outcome-reach').textContent()).toContain('送达率');
    expect(pageErrors).toEqual([]);
  });
});
