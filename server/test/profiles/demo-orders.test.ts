import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCorp } from '../../src/db/tenancy';
import { seedDemoOrders } from '../../src/modules/demo/seed-demo-orders';
import { runSync, startHarness, type Harness } from '../wecom/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('wwdemoorders01');
});
afterAll(async () => h?.close());

describe('demo orders', () => {
  it('after the full sync, seeds orders with items, RFM, points and a stage pipeline, once', async () => {
    await h.sb(`/sandbox/corps/${h.corpId}/population`, { seed: 'demo-orders', staff: 4, customers: 80, groups: 2 });
    expect((await runSync(h, 'sync')).status).toBe('done');
    const accepted = await seedDemoOrders(h.app, h.corpId, 10_000);
    expect(accepted).toBeGreaterThan(80);
    const counts = await withCorp(h.app.ctx.db, h.corpId, async (tx) => {
      const { rows } = await sql<Record<string, number>>`select
        (select count(*)::int from orders where corp_id = ${h.corpId}) as orders,
        (select count(*)::int from orders where corp_id = ${h.corpId} and paid_at < now() - interval '120 days') as too_old,
        (select count(*)::int from orders where corp_id = ${h.corpId} and items @> '[{"category": "水果"}]') as fruit,
        (select count(*)::int from customer_rfm where corp_id = ${h.corpId}) as rfm,
        (select count(*)::int from customer_membership where corp_id = ${h.corpId} and points > 0) as members,
        (select count(*)::int from customer_stages where corp_id = ${h.corpId}) as staged`.execute(tx);
      return rows[0];
    });
    expect(counts.orders).toBeGreaterThan(80);
    expect(counts.too_old).toBe(0);
    expect(counts.fruit).toBeGreaterThan(20);
    expect(counts.rfm).toBe(80);
    expect(counts.members).toBe(80);
    expect(counts.staged).toBe(80);
    // The pipeline's history is the path customers walked, dated by their follow and orders: the funnel shows dwell
    // medians from the first start (closed stays in 新客 and 首购), and the current stay starts at the last step.
    const pipelines = await h.api<{ items: Array<{ id: string; name: string }> }>('GET', '/api/pipelines');
    const frequency = pipelines.body.items.find((p) => p.name === '购买频次')!;
    const funnel = await h.api<{ stages: Array<{ name: string; medianDays: number | null; entered: number }> }>('GET', `/api/pipelines/${frequency.id}/funnel`);
    const byName = new Map(funnel.body.stages.map((r) => [r.name, r]));
    expect(byName.get('新客')!.entered).toBe(80);
    expect(byName.get('新客')!.medianDays).toBeGreaterThan(0);
    expect(byName.get('首购')!.medianDays).toBeGreaterThan(0);
    expect(await seedDemoOrders(h.app, h.corpId, 10_000)).toBe(0);
  });
});
