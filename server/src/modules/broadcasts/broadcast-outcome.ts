// The outcome report: reach (sent ÷ planned) and the orders of the audience within the attribution window after the
// send, per arm — everyone planned to receive it (by variant) and the holdout —, compared as intention to treat:
// conversion and revenue per customer of the planned recipients against the holdout, and variant B against A.
import type { BroadcastOutcome, OutcomeArm } from '@siyu/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import type { BroadcastRow } from './broadcasts.repo';
import { meanLift, proportionLift, type MeanSample } from './lift';

type ArmRow = { role: string; variant: string | null; n: string; buyers: string; orders: string; revenue: string; revenue_sq: string; sent: string };

export async function broadcastOutcome(tx: Tx, corpId: string, b: BroadcastRow): Promise<BroadcastOutcome> {
  const from = b.sent_at ?? b.send_at;
  const to = new Date(from.getTime() + b.attribution_days * 86_400_000);
  const { rows } = await sql<ArmRow>`
    SELECT r.role, r.variant, count(*) AS n, count(o.customer_id) AS buyers, coalesce(sum(o.orders), 0) AS orders,
           coalesce(sum(o.revenue), 0) AS revenue, coalesce(sum(o.revenue * o.revenue), 0) AS revenue_sq,
           count(*) FILTER (WHERE r.status = 1) AS sent
      FROM broadcast_recipients r
      LEFT JOIN (SELECT customer_id, count(*) AS orders, sum(amount) AS revenue FROM orders
                  WHERE corp_id = ${corpId} AND paid_at >= ${from.toISOString()}::timestamptz AND paid_at < ${to.toISOString()}::timestamptz
                  GROUP BY customer_id) o ON o.customer_id = r.customer_id
     WHERE r.corp_id = ${corpId} AND r.broadcast_id = ${b.id} AND r.role IN ('send', 'holdout')
     GROUP BY r.role, r.variant ORDER BY r.role DESC, r.variant`.execute(tx);
  const arm = (name: string, list: ArmRow[]): OutcomeArm & { sample: MeanSample } => {
    const sum = (k: keyof ArmRow) => list.reduce((a, r) => a + Number(r[k]), 0);
    const customers = sum('n');
    const revenue = sum('revenue');
    return {
      arm: name,
      customers,
      buyers: sum('buyers'),
      orders: sum('orders'),
      revenue: Math.round(revenue * 100) / 100,
      conversion: customers ? sum('buyers') / customers : 0,
      revenuePerCustomer: customers ? Math.round((revenue / customers) * 100) / 100 : 0,
      sample: { n: customers, sum: revenue, sumSq: sum('revenue_sq') },
    };
  };
  const sendRows = rows.filter((r) => r.role === 'send');
  const treated = arm('recipients', sendRows);
  const holdout = arm('holdout', rows.filter((r) => r.role === 'holdout'));
  const a = arm('A', sendRows.filter((r) => r.variant === 'A'));
  const bArm = arm('B', sendRows.filter((r) => r.variant === 'B'));
  const sent = sendRows.reduce((s, r) => s + Number(r.sent), 0);
  const arms = [treated, ...(holdout.customers ? [holdout] : []), ...(bArm.customers ? [a, bArm] : [])];
  return {
    planned: treated.customers,
    sent,
    reachRate: treated.customers ? sent / treated.customers : 0,
    attributionDays: b.attribution_days,
    from: from.toISOString(),
    to: to.toISOString(),
    arms: arms.map(({ sample: _s, ...rest }) => rest),
    conversionLift: holdout.customers ? proportionLift({ x: treated.buyers, n: treated.customers }, { x: holdout.buyers, n: holdout.customers }) : null,
    revenueLift: holdout.customers ? meanLift(treated.sample, holdout.sample) : null,
    abConversion: bArm.customers ? proportionLift({ x: bArm.buyers, n: bArm.customers }, { x: a.buyers, n: a.customers }) : null,
  };
}
