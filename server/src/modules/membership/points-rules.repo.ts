// The corp's earn rules (points per event type) and level ladder as operators set them on the settings page.
import type { Tx } from '../../db/tenancy';

export type PointsRuleRow = { eventType: string; points: number; pointsPerYuan: number; growth: number; growthPerYuan: number; expiresDays: number | null; enabled: boolean };

export async function listPointsRules(tx: Tx, corpId: string) {
  return (
    await tx
      .selectFrom('points_rules')
      .select(['id', 'event_type as eventType', 'points', 'points_per_yuan as pointsPerYuan', 'growth', 'growth_per_yuan as growthPerYuan', 'expires_days as expiresDays', 'enabled'])
      .where('corp_id', '=', corpId)
      .orderBy('event_type')
      .execute()
  ).map((r) => ({ ...r, pointsPerYuan: Number(r.pointsPerYuan), growthPerYuan: Number(r.growthPerYuan) })); // numeric arrives as text
}

/** Creates or replaces the rule of one event type. */
export async function upsertPointsRule(tx: Tx, corpId: string, r: PointsRuleRow): Promise<void> {
  const v = { points: r.points, points_per_yuan: r.pointsPerYuan, growth: r.growth, growth_per_yuan: r.growthPerYuan, expires_days: r.expiresDays, enabled: r.enabled };
  await tx
    .insertInto('points_rules')
    .values({ corp_id: corpId, event_type: r.eventType, ...v })
    .onConflict((oc) => oc.columns(['corp_id', 'event_type']).doUpdateSet(v))
    .execute();
}

/** Adds the rule of one event type unless the corp has one (the demo seed); the other settings keep their defaults. */
export async function insertPointsRuleIfMissing(tx: Tx, corpId: string, r: Omit<PointsRuleRow, 'enabled'>): Promise<void> {
  await tx
    .insertInto('points_rules')
    .values({ corp_id: corpId, event_type: r.eventType, points: r.points, points_per_yuan: r.pointsPerYuan, growth: r.growth, growth_per_yuan: r.growthPerYuan, expires_days: r.expiresDays })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Deletes one rule; undefined when there is no such rule. */
export function deletePointsRule(tx: Tx, corpId: string, id: string) {
  return tx.deleteFrom('points_rules').where('corp_id', '=', corpId).where('id', '=', id).returning('event_type').executeTakeFirst();
}

/** Replaces the whole level ladder. */
export async function replaceLevels(tx: Tx, corpId: string, levels: Array<{ level: number; name: string; minGrowth: number }>): Promise<void> {
  await tx.deleteFrom('levels').where('corp_id', '=', corpId).execute();
  await tx.insertInto('levels').values(levels.map((l) => ({ corp_id: corpId, level: l.level, name: l.name, min_growth: l.minGrowth }))).execute();
}
