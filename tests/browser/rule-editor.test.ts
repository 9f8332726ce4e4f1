// The rule editor offers every leaf kind of the rule language. Segments built in the browser with the four kinds it
// lacked (custom field, stage, first / last event time, points) save with the ids their pickers chose by name, and
// the member count the segments list shows is the count the server gives for the stored rule.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOf } from './pick-option';
import type { Leaf, Rule } from '@siyu/contracts';
import { demoServer, launchBrowser, type RunningServer } from './start-server';

let server: RunningServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  server = demoServer();
  base = server.base;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// Picks an option in the select's own dropdown: another select's dropdown may still be closing, and its options can
// contain the same text (the condition list's '积分 / 成长值 / 等级' when picking '等级').
async function pick(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  const dropdown = await listOf(page, select);
  await dropdown.locator('.ant-select-item-option').filter({ hasText: label }).first().click();
}

type SavedSegment = { id: string; name: string; rule: Rule; memberCount: number; refreshedAt: string | null };

describe('rule editor', () => {
  it('builds a segment with each of custom field, stage, event time and points, and shows the server count', async () => {
    const page = await browser.newPage();
    // The demo seeds in the background after start-up; on a busy machine the first pages take a while.
    page.setDefaultTimeout(120_000);
    const api = page.request;
    expect((await api.post(`${base}/api/auth/login`, { data: { email: 'admin@demo.siyu.local', password: 'siyu-demo-2026' } })).ok()).toBe(true);

    // A custom field with a value on three customers, and a pipeline with two customers in its second stage (levels
    // are the corp's defaults).
    expect((await api.post(`${base}/api/custom-fields`, { data: { key: 'vip_no', label: '会员卡号', type: 'text' } })).ok()).toBe(true);
    const customers = (await (await api.get(`${base}/api/customers?page=1&pageSize=3`)).json()) as { items: Array<{ id: string }> };
    expect(customers.items.length).toBe(3);
    for (const [i, c] of customers.items.entries())
      expect((await api.put(`${base}/api/customers/${c.id}/fields`, { data: { values: { vip_no: `V${i}` } } })).ok()).toBe(true);
    const made = await api.post(`${base}/api/pipelines`, { data: { name: '界面测试阶段组', stages: [{ name: '初访' }, { name: '意向' }] } });
    expect(made.ok()).toBe(true);
    const pipelines = (await (await api.get(`${base}/api/pipelines`)).json()) as {
      items: Array<{ id: string; name: string; stages: Array<{ id: string; name: string }> }>;
    };
    const pipeline = pipelines.items.find((p) => p.name === '界面测试阶段组')!;
    const stage = pipeline.stages.find((s) => s.name === '意向')!;
    for (const c of customers.items.slice(0, 2))
      expect((await api.put(`${base}/api/customers/${c.id}/stages/${pipeline.id}`, { data: { stageId: stage.id } })).ok()).toBe(true);

    const cases: Array<{ name: string; kind: Leaf['kind']; label: string; fill: (leaf: Locator) => Promise<void>; expected: Leaf }> = [
      {
        name: '界面-自定义字段',
        kind: 'custom_field',
        label: '自定义字段',
        fill: (leaf) => pick(page, leaf.getByTestId('rule-custom-field'), '会员卡号'),
        expected: { kind: 'custom_field', key: 'vip_no', type: 'text', op: 'is_set' },
      },
      {
        name: '界面-客户阶段',
        kind: 'stage',
        label: '客户阶段',
        fill: async (leaf) => {
          await pick(page, leaf.getByTestId('rule-stage-pipeline'), '界面测试阶段组');
          await pick(page, leaf.getByTestId('rule-stage-stages'), '意向');
        },
        expected: { kind: 'stage', pipelineId: pipeline.id, stageIds: [stage.id] },
      },
      {
        name: '界面-最近行为时间',
        kind: 'event_time',
        label: '首次 / 最近行为时间',
        fill: async () => {},
        expected: { kind: 'event_time', eventType: 'link.opened', which: 'last', op: 'gte', value: { daysAgo: 30 } },
      },
      {
        name: '界面-等级',
        kind: 'points',
        label: '积分 / 成长值 / 等级',
        fill: async (leaf) => {
          await pick(page, leaf.getByTestId('rule-points-field'), '等级');
          await pick(page, leaf.getByTestId('rule-points-level'), '2 · 铜卡');
        },
        expected: { kind: 'points', field: 'level', op: 'gte', value: 2 },
      },
    ];

    for (const c of cases) {
      console.log(`[rule editor] ${c.kind}: building`);
      await page.goto(`${base}/segments`);
      await page.getByTestId('segments-new').click();
      await page.getByTestId('segments-name').fill(c.name);
      await pick(page, page.getByTestId('segments-add-condition'), c.label);
      const leaf = page.getByTestId(`rule-leaf-${c.kind}`);
      await c.fill(leaf);
      // The live count answers (no refusal shown) before saving.
      await page.getByTestId('segments-live-count').locator('.ant-statistic-content-value').filter({ hasText: /^\d/ }).waitFor();
      expect(await page.getByTestId('rule-problem').count()).toBe(0);
      await page.getByTestId('segments-save').click();
      await page.getByTestId('segments-editor').waitFor({ state: 'hidden' });
      console.log(`[rule editor] ${c.kind}: saved`);

      let saved: SavedSegment | undefined;
      for (let i = 0; i < 100 && !saved?.refreshedAt; i++) {
        const list = (await (await api.get(`${base}/api/segments`)).json()) as { items: SavedSegment[] };
        saved = list.items.find((s) => s.name === c.name);
        if (!saved?.refreshedAt) await new Promise((r) => setTimeout(r, 200));
      }
      expect(saved?.refreshedAt, c.name).toBeTruthy();
      expect(saved!.rule).toEqual({ all: [c.expected] });
      const search = await api.post(`${base}/api/customers/search`, {
        data: { rule: saved!.rule, page: 1, pageSize: 1, columns: ['name'], withTotal: true },
      });
      const total = ((await search.json()) as { total: number }).total;
      expect(saved!.memberCount, c.name).toBe(total);

      await page.goto(`${base}/segments`);
      const row = page.getByTestId('segments-table').locator('tr', { hasText: c.name });
      await expect.poll(async () => (await row.locator('td').nth(2).textContent())?.trim(), { timeout: 10_000 }).toBe(String(total));
    }
    // The custom field and stage segments are not trivially empty: the pickers chose the ids that hold customers.
    const list = (await (await api.get(`${base}/api/segments`)).json()) as { items: SavedSegment[] };
    expect(list.items.find((s) => s.name === '界面-自定义字段')!.memberCount).toBe(3);
    expect(list.items.find((s) => s.name === '界面-客户阶段')!.memberCount).toBe(2);
  }, 300_000);

  it('shows the reason the server refuses a rule next to the condition it names', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(120_000);
    expect((await page.request.post(`${base}/api/auth/login`, { data: { email: 'admin@demo.siyu.local', password: 'siyu-demo-2026' } })).ok()).toBe(true);
    await page.goto(`${base}/segments`);
    await page.getByTestId('segments-new').click();
    await pick(page, page.getByTestId('segments-add-condition'), '客户阶段');
    // No pipeline picked yet: the preview is refused at /all/0/pipelineId, shown inside that condition.
    await page.getByTestId('rule-leaf-stage').getByTestId('rule-problem').waitFor();
  }, 300_000);
});
