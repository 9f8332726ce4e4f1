// Points and growth from events, by the corp's earn rules; growth decides the level, and a level-up is an event.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy';
import { recordEvents } from '../../platform/events';

export type PointsEvent = { eventId: number; customerId: string; type: string; amount: number | null };

/** Early levels come fast, later ones slow (roughly ×4 per level). Used until the corp defines its own. */
export const DEFAULT_LEVELS = [
  { level: 1, name: '新朋友', minGrowth: 0 },
  { level: 2, name: '铜卡', minGrowth: 50 },
  { level: 3, name: '银卡', minGrowth: 300 },
  { level: 4, name: '金卡', minGrowth: 1500 },
  { level: 5, name: '钻石', minGrowth: 6000 },
];

export async function levelsOf(tx: Tx, corpId: string) {
  const rows = await tx.selectFrom('levels').select(['level', 'name', 'min_growth as minGrowth']).where('corp_id', '=', corpId).orderBy('level').execute();
  return rows.length ? rows : DEFAULT_LEVELS;
}

export async function applyEventPoints(tx: Tx, corpId: string, events: readonly PointsEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rules = await tx.selectFrom('points_rules').selectAll().where('corp_id', '=', corpId).where('enabled', '=', true).execute();
  if (rules.length === 0) return;
  const byType = new Map(rules.map((r) => [r.event_type, r]));
  const ledger: Array<{ customer_id: string; delta: number; reason: string; event_id: number; expires_at: string | null }> = [];
  const growth = new Map<string, number>();
  for (const e of events) {
    const r = byType.get(e.type);
    if (!r) continue;
    const amount = e.amount ?? 0;
    const points = Math.floor(Number(r.points) + Number(r.points_per_yuan) * amount);
    const g = Math.floor(Number(r.growth) + Number(r.growth_per_yuan) * amount);
    if (points > 0) {
      const expires = r.expires_days ? new Date(Date.now() + r.expires_days * 86_400_000).toISOString() : null;
      ledger.push({ customer_id: e.customerId, delta: points, reason: `earn:${e.type}`, event_id: e.eventId, expires_at: expires });
    }
    if (points > 0 || g > 0) growth.set(e.customerId, (growth.get(e.customerId) ?? 0) + g);
  }
  if (ledger.length) {
    await sql`
      insert into points_ledger (corp_id, customer_id, delta, remaining, reason, event_id, expires_at)
      select ${corpId}, v.customer_id, v.delta, v.delta, v.reason, v.event_id, v.expires_at
        from jsonb_to_recordset(${JSON.stringify(ledger)}::jsonb)
          as v(customer_id uuid, delta integer, reason text, event_id bigint, expires_at timestamptz)`.execute(tx);
  }
  const points = new Map<string, number>();
  for (const l of ledger) points.set(l.customer_id, (points.get(l.customer_id) ?? 0) + l.delta);
  const deltas = [...growth.keys()].map((id) => ({ customer_id: id, points: points.get(id) ?? 0, growth: growth.get(id) ?? 0 }));
  await addToMembership(tx, corpId, deltas);
}

/** Adds points/growth and moves levels; writes a level_up event for each customer who went up. */
export async function addToMembership(tx: Tx, corpId: string, deltas: Array<{ customer_id: string; points: number; growth: number }>): Promise<void> {
  if (deltas.length === 0) return;
  const levels = await levelsOf(tx, corpId);
  const { rows: after } = await sql<{ customer_id: string; growth: number; level: number }>`
    insert into customer_membership as m (corp_id, customer_id, points, growth, level)
    select ${corpId}, v.customer_id, v.points, v.growth, 0
      from jsonb_to_recordset(${JSON.stringify(deltas)}::jsonb) as v(customer_id uuid, points integer, growth integer)
    on conflict (corp_id, customer_id) do update set points = m.points + excluded.points, growth = m.growth + excluded.growth, updated_at = now()
    returning m.customer_id, m.growth, m.level`.execute(tx);
  const levelFor = (g: number) => levels.reduce((best, l) => (l.minGrowth <= g && l.level > best ? l.level : best), 0);
  const rows = after
    .map((r) => ({ customer_id: r.customer_id, old_level: Number(r.level), level: levelFor(Number(r.growth)) }))
    .filter((r) => r.level !== r.old_level);
  if (rows.length) {
    await sql`
      update customer_membership m set level = v.level
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(customer_id uuid, level integer)
       where m.corp_id = ${corpId} and m.customer_id = v.customer_id`.execute(tx);
  }
  // Every level change is a fact; a rise above the first level is also on the timeline.
  const names = new Map(levels.map((l) => [l.level, l.name]));
  await recordEvents(
    tx,
    corpId,
    rows.map((r) => {
      const data = { from: r.old_level, to: r.level, name: names.get(r.level) ?? '' };
      const up = r.level > Math.max(r.old_level, 1);
      return { event: { type: 'level.changed' as const, customerId: r.customer_id, data }, ...(up ? { timeline: { type: 'level_up', source: 'system', properties: data } } : {}) };
    }),
  );
}
