// The material library and moments in Chromium on the demo (one file, one server: the browser lane's time budget).
// An operator adds an image from a file through the form, sees it in the list with its preview loaded from Siyu,
// finds it by search, and a file over WeCom's limit is refused in the form before anything is sent. Then composes a
// moment from a library image with the picker, sends it to one staff member, sees the task created with 0 of 1
// published; after the staff member publishes in the sandbox the detail shows them published.
import type { Browser, Page } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickOption } from './pick-option';
import { demoServer, launchBrowser, type RunningServer, signedInPage } from './start-server';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];
const DEMO_CORP = 'ww5a1d0c0de0000001';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-materials-'));

function pngFile(name: string, size: number): string {
  const b = Buffer.alloc(size, 9);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  const p = path.join(dir, name);
  fs.writeFileSync(p, b);
  return p;
}

beforeAll(async () => {
  server = demoServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const signedIn = (): Promise<Page> => signedInPage(browser, server.base, pageErrors);

describe('material library page', () => {
  it('uploads an image and shows it with its preview; a file over the limit is refused in the form', async () => {
    const page = await signedIn();
    await page.goto(`${server.base}/materials`);
    await page.getByTestId('materials-page').waitFor();

    await page.getByTestId('material-add').click();
    const form = page.getByTestId('material-form');
    await form.getByTestId('material-title').fill('浏览器上传的新品图');
    await form.locator('input[type=file]').setInputFiles(pngFile('too-big.png', 10 * 1024 * 1024 + 10));
    await page.getByText('文件超过 10 MB，企业微信不接受').waitFor();
    await form.locator('input[type=file]').setInputFiles(pngFile('new.png', 4096));
    await page.locator('#material-save').click();
    await form.waitFor({ state: 'hidden' });

    const row = page.locator('.ant-table-row').filter({ hasText: '浏览器上传的新品图' });
    await row.waitFor();
    expect(await row.textContent()).toContain('图片');
    const img = row.locator('img').first();
    const src = (await img.getAttribute('src')) ?? '';
    expect(src).toMatch(/^\/api\/materials\/[0-9a-f-]{36}\/file$/);
    const file = await page.request.get(`${server.base}${src}`);
    expect([file.status(), file.headers()['content-type'], (await file.body()).length]).toEqual([200, 'image/png', 4096]);

    const search = page.locator('input[data-testid=material-search], [data-testid=material-search] input').first();
    await search.fill('新品图');
    await search.press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});

describe('moments page', () => {
  it('composes a moment from the library and shows its publish status', async () => {
    const page = await signedIn();
    const png = Buffer.alloc(512, 3);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    const created = await page.request.post(`${server.base}/api/materials`, {
      data: { kind: 'image', title: '朋友圈配图-浏览器', file: { name: 'm.png', base64: png.toString('base64') } },
      headers: { origin: server.base },
    });
    expect(created.status()).toBe(201);
    const staff = (await (await page.request.get(`${server.base}/api/staff?page=1&pageSize=500`)).json()) as { items: Array<{ userid: string; name: string; status: number }> };
    // A staff member whose name no other's contains: the picker matches by substring, and the demo's names repeat.
    const sender = staff.items.find((s) => s.status === 1 && staff.items.every((o) => o === s || !o.name.includes(s.name)))!;

    await page.goto(`${server.base}/moments`);
    await page.getByTestId('moment-create').click();
    const form = page.getByTestId('moment-form');
    await form.getByTestId('moment-text').fill('浏览器发表的朋友圈');
    await form.getByTestId('moment-materials-open').click();
    await page.getByTestId('moment-materials-modal').getByTestId('moment-materials-item').filter({ hasText: '朋友圈配图-浏览器' }).click();
    await page.locator('#moment-materials-ok').click();
    await form.getByTestId('material-card').filter({ hasText: '朋友圈配图-浏览器' }).waitFor();
    await pickOption(page, form.getByTestId('moment-senders'), sender.name, { search: sender.name });
    await page.locator('#moment-send').click();
    await form.waitFor({ state: 'hidden' });

    const row = page.locator('.ant-table-row').filter({ hasText: '浏览器发表的朋友圈' });
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toMatch(/已创建.*已发表 0 \/ 1/);

    // The staff member publishes it in WeCom (the sandbox); the detail pulls the result.
    const sandbox = server.base.replace(/:(\d+)$/, (_, p: string) => `:${Number(p) + 1000}`);
    const list = (await (await fetch(`${sandbox}/sandbox/corps/${DEMO_CORP}/moments`)).json()) as { moments: Array<{ moment_id: string; text: { content: string } }> };
    const mine = list.moments.find((m) => m.text.content === '浏览器发表的朋友圈')!;
    const published = await fetch(`${sandbox}/sandbox/corps/${DEMO_CORP}/moments/${mine.moment_id}/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userid: sender.userid }),
    });
    expect(published.status).toBe(200);
    await row.click();
    const drawer = page.getByTestId('moment-drawer');
    await expect
      .poll(async () => {
        await drawer.getByTestId('moment-sync').click();
        return drawer.getByTestId('moment-staff').textContent();
      }, { timeout: 60_000, interval: 1000 })
      .toContain('已发表');
    expect(await drawer.getByTestId('moment-staff').textContent()).toContain(sender.name);
    expect(pageErrors).toEqual([]);
  });
});
