// Demo purchases: once the first full sync landed the sandbox's customers, a few hundred orders (fruit, dairy,
// snacks) over the last 120 days go through the events pipeline, so RFM, points, alerts and timelines have data;
// plus a "购买频次" pipeline with customers placed by their order count.
import { sql } from 'kysely';
import type { Siyu } from '../../app';
import { withCorp } from '../../db/tenancy';
import { ingestEvents } from '../events';
import { insertPointsRuleIfMissing } from '../membership';
import { backdateStays, insertPipelineWithStages, moveCustomers } from '../stages';
import { mulberry32 } from '@siyu/sandbox';

const PRODUCTS = [
  { sku: 'FR-APL', name: '烟台苹果 5斤', category: '水果', price: 39.9 },
  { sku: 'FR-CHR', name: '智利车厘子 2斤', category: '水果', price: 128 },
  { sku: 'FR-MGO', name: '海南芒果 3斤', category: '水果', price: 45 },
  { sku: 'FR-STB', name: '丹东草莓 1斤', category: '水果', price: 59 },
  { sku: 'DA-MLK', name: '鲜牛奶 950ml', category: '乳品', price: 16.8 },
  { sku: 'DA-YGT', name: '希腊酸奶 4杯', category: '乳品', price: 25 },
  { sku: 'SN-NUT', name: '每日坚果 30包', category: '零食', price: 89 },
  { sku: 'SN-CHP', name: '薯片礼盒', category: '零食', price: 35 },
];


export async function seedDemoOrders(siyu: Siyu, corpId: string, timeoutMs = 10 * 60_000): Promise<number> {
  const { db } = siyu.ctx;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const run = await withCorp(db, corpId, (tx) =>
      tx.selectFrom('sync_runs').select('status').where('corp_id', '=', corpId).where('kind', '=', 'full').orderBy('created_at', 'desc').executeTakeFirst(),
    );
    if (run && ['done', 'partial'].includes(run.status)) break;
    if (Date.now() > end || run?.status === 'failed') return 0;
    await new Promise((r) => setTimeout(r, 2000));
  }
  return withCorp(db, corpId, async (tx) => {
    const has = await tx.selectFrom('orders').select('id').where('corp_id', '=', corpId).limit(1).executeTakeFirst();
    if (has) return 0;
    const customers = await tx
      .selectFrom('customers')
      .select(['id', 'external_userid'])
      .where('corp_id', '=', corpId)
      .where('external_userid', 'is not', null)
      .orderBy('created_at')
      .limit(150)
      .execute();
    if (customers.length === 0) return 0;
    await insertPointsRuleIfMissing(tx, corpId, { eventType: 'order', points: 0, pointsPerYuan: 1, growth: 0, growthPerYuan: 1, expiresDays: 365 });
    const random = mulberry32(120);
    const events: unknown[] = [];
    customers.forEach((c, i) => {
      const orders = 1 + Math.floor(random() * random() * 6);
      let day = 5 + Math.floor(random() * 115);
      for (let k = 0; k < orders && day > 0; k++) {
        const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
          const p = PRODUCTS[Math.floor(random() * (random() < 0.6 ? 4 : PRODUCTS.length))];
          return { sku: p.sku, name: p.name, category: p.category, quantity: 1 + Math.floor(random() * 2), price: p.price };
        });
        const amount = Math.round(items.reduce((s, it) => s + it.price * it.quantity, 0) * 100) / 100;
        events.push({
          id: `demo-order-${i}-${k}`,
          type: 'order',
          occurredAt: new Date(Date.now() - day * 86_400_000 - Math.floor(random() * 36_000_000)).toISOString(),
          customer: { externalUserid: c.external_userid },
          properties: { orderNo: `DEMO${String(i).padStart(4, '0')}${k}`, amount, items, storeId: `store_${1 + (i % 3)}` },
        });
        if (random() < 0.5) events.push({ id: `demo-link-${i}-${k}`, type: 'link_open', occurredAt: new Date(Date.now() - (day + 1) * 86_400_000).toISOString(), customer: { externalUserid: c.external_userid }, properties: { url: 'https://shop.example.com/fruit', seconds: 10 + Math.floor(random() * 90) } });
        day -= 7 + Math.floor(random() * 30);
      }
    });
    const result = await ingestEvents(tx, corpId, events, 'demo');
    const { pipeline, stages } = await insertPipelineWithStages(
      tx,
      corpId,
      '购买频次',
      ['新客', '首购', '复购', '忠诚'].map((name, i) => ({ name, dwellDays: i === 1 ? 30 : null, remindHour: i === 1 ? 10 : null })),
    );
    const { rows } = await sql<{ id: string; n: number }>`
      select c.id, (select count(*)::int from orders o where o.corp_id = c.corp_id and o.customer_id = c.id) as n
        from customers c where c.corp_id = ${corpId}`.execute(tx);
    const bucket = (n: number) => (n === 0 ? 0 : n === 1 ? 1 : n <= 3 ? 2 : 3);
    for (let b = 0; b < 4; b++) {
      await moveCustomers(tx, corpId, pipeline.id, rows.filter((r) => bucket(r.n) === b).map((r) => r.id), stages[b].id, null, 'demo');
    }
    // The path each customer walked, dated: 新客 when they first followed, 首购 at the first order, 复购 at the second,
    // 忠诚 at the fourth — so the funnel shows how long customers stay in each stage from the first start.
    const { rows: past } = await sql<{ id: string; since: Date; paid: Date[] }>`
      select c.id, coalesce((select min(f.followed_at) from follows f where f.corp_id = c.corp_id and f.customer_id = c.id), c.created_at) as since,
             coalesce((select array_agg(o.paid_at order by o.paid_at) from orders o where o.corp_id = c.corp_id and o.customer_id = c.id), '{}') as paid
        from customers c where c.corp_id = ${corpId}`.execute(tx);
    await backdateStays(
      tx,
      corpId,
      pipeline.id,
      past.flatMap((c) => {
        const paid = c.paid.map((d) => new Date(d));
        const since = new Date(Math.min(new Date(c.since).getTime(), (paid[0]?.getTime() ?? Infinity) - 86_400_000));
        return [
          { customerId: c.id, stageId: stages[0].id, at: since },
          ...[paid[0], paid[1], paid[3]].flatMap((at, i) => (at ? [{ customerId: c.id, stageId: stages[i + 1].id, at }] : [])),
        ];
      }),
      'demo',
    );
    return result.accepted;
  });
}
