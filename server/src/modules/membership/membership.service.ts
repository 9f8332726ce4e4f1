// Points, levels and RFM as operators set them: thresholds, level ladder, earn rules, a customer's ledger and manual
// adjustments. Decisions and audit here; the routes only validate and dispatch.
import type { AppContext } from '../../context';
import { withCorp, type Tx } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { resolveOpenAlerts } from '../alerts';
import { writeAudit } from '../audit';
import { visibleCustomerId } from '../customers';
import { recordEvent } from '../../platform/events';
import { addToMembership, levelsOf } from './apply-event-points';
import { grantPoints, ledger, membershipOf, spendPoints } from './points.repo';
import { deletePointsRule, listPointsRules, replaceLevels, upsertPointsRule } from './points-rules.repo';
import { getRfmSettings, recomputeRfm, rfmDistribution, saveRfmSettings, type RfmSettings } from './rfm.repo';

export type PointsRuleInput = { eventType: string; points: number; pointsPerYuan: number; growth: number; growthPerYuan: number; expiresDays: number | null; enabled: boolean };

/** The membership half of the profile settings page: RFM thresholds, levels, earn rules and the RFM classes. */
export async function membershipSettings(tx: Tx, corpId: string) {
  return {
    rfm: await getRfmSettings(tx, corpId),
    levels: await levelsOf(tx, corpId),
    pointsRules: await listPointsRules(tx, corpId),
    rfmDistribution: await rfmDistribution(tx, corpId),
  };
}

export function createMembershipService({ db }: AppContext) {
  return {
    saveRfmSettings: (auth: AuthContext, s: RfmSettings) =>
      withCorp(db, auth.corpId, async (tx) => {
        for (const arr of [s.recencyDays, s.frequencyCounts, s.monetaryAmounts]) {
          if (arr.some((v, i) => i > 0 && v <= arr[i - 1])) throw new DomainError('rfm_thresholds_invalid', 'thresholds must increase');
        }
        await saveRfmSettings(tx, auth.corpId, s);
        const changed = await recomputeRfm(tx, auth.corpId, 'all');
        await resolveOpenAlerts(tx, auth.corpId, 'all');
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'rfm.settings', detail: { ...s, changed } });
        return { changed };
      }),

    saveLevels: (auth: AuthContext, levels: Array<{ level: number; name: string; minGrowth: number }>) =>
      withCorp(db, auth.corpId, async (tx) => {
        const sorted = [...levels].sort((a, b) => a.level - b.level);
        if (sorted.some((l, i) => l.level !== i + 1 || (i > 0 && l.minGrowth <= sorted[i - 1].minGrowth)) || sorted[0]?.minGrowth !== 0) {
          throw new DomainError('levels_invalid', 'levels are 1..n, level 1 from growth 0, thresholds increasing');
        }
        await replaceLevels(tx, auth.corpId, sorted);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'levels.update', detail: { levels: sorted } });
      }),

    savePointsRule: (auth: AuthContext, r: PointsRuleInput) =>
      withCorp(db, auth.corpId, async (tx) => {
        await upsertPointsRule(tx, auth.corpId, r);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'points.rule', detail: r });
      }),

    deletePointsRule: (auth: AuthContext, id: string) =>
      withCorp(db, auth.corpId, async (tx) => {
        const r = await deletePointsRule(tx, auth.corpId, id);
        if (!r) throw new DomainError('not_found');
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'points.rule_delete', detail: { eventType: r.event_type } });
      }),

    ledger: (auth: AuthContext, customerId: string) =>
      withCorp(db, auth.corpId, async (tx) => ({ items: await ledger(tx, auth.corpId, await visibleCustomerId(tx, auth, customerId)) })),

    /** Manual adjustment (+ grants, − spends); a spend never goes below zero. */
    adjustPoints: (auth: AuthContext, customerId: string, delta: number, reason: string) =>
      withCorp(db, auth.corpId, async (tx) => {
        const id = await visibleCustomerId(tx, auth, customerId);
        if (delta < 0) await spendPoints(tx, auth.corpId, id, -delta, `spend:${reason}`);
        else {
          await grantPoints(tx, auth.corpId, id, delta, `grant:${reason}`);
          await addToMembership(tx, auth.corpId, [{ customer_id: id, points: delta, growth: 0 }]);
        }
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'customer.points', target: id, detail: { delta, reason } });
        await recordEvent(tx, auth.corpId, { type: 'points.changed', customerId: id, data: { delta, reason } });
        return (await membershipOf(tx, auth.corpId, id)) ?? { points: 0, growth: 0, level: 0 };
      }),
  };
}

export type MembershipService = ReturnType<typeof createMembershipService>;
