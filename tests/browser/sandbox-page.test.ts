// The sandbox's "be a customer" page in Chromium with a script payload as a corp, customer, staff and group name:
// each shows as text in its list and none runs (no dialog, no injected element).
import { startSandbox, type Sandbox } from '@siyu/sandbox';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './start-server';

const PAYLOAD = '<img src=x onerror=alert(1)>';
let sb: Sandbox;
let browser: Browser;

async function sim(path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(sb.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sb?.close();
});

describe('sandbox page', () => {
  it('shows payload names as text and runs none of them', async () => {
    const corpId = (await sim('/sandbox/corps', { name: `${PAYLOAD} corp` })).corp_id as string;
    await sim(`/sandbox/corps/${corpId}/staff`, { userid: 'xss_staff', name: `${PAYLOAD} staff` });
    const customer = (await sim(`/sandbox/corps/${corpId}/customers`, { name: `${PAYLOAD} customer` })).external_userid as string;
    await sim(`/sandbox/corps/${corpId}/groups`, { owner: 'xss_staff', name: `${PAYLOAD} group`, members: [customer] });

    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${sb.url}/sandbox?corp=${corpId}`);
    await page.locator('#customer option').first().waitFor({ state: 'attached' });
    await page.selectOption('#customer', customer);
    await page.locator('#mygroup option').first().waitFor({ state: 'attached' });

    const texts: string[] = [];
    for (const id of ['corp', 'customer', 'staff', 'mygroup']) texts.push((await page.locator(`#${id} option:checked`).textContent()) ?? '');
    expect(texts[0]).toContain(`${PAYLOAD} corp`);
    expect(texts[1]).toContain(`${PAYLOAD} customer`);
    expect(texts[2]).toContain(`${PAYLOAD} staff`);
    expect(texts[3]).toBe(`${PAYLOAD} group`);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.waitForTimeout(500); // an onerror would have fired by now
    expect(dialogs).toEqual([]);
  });
});
