// The time-driven side of profiles, per connected corp every few minutes: stage dwell reminders, churn and
// repurchase alerts (opened and closed; one grouped WeCom app message per owning staff member), points expiry,
// and a daily RFM refresh.
import { sql } from 'kysely';
import type { AppContext } from '../../context';
import { withCorp, type Tx } from '../../db/tenancy';
import { expirePoints, recomputeRfm } from '../membership';
import { dueDwellReminders, markDwellReminded } from '../stages';
import type { WecomConnections } from '../wecom';
import { resolveAlerts, scanAlertCandidates } from './alert-rules.repo';
import { getAlertSettings, openAlerts } from './alerts.repo';
import { notifyStaff } from './notify-staff';

export const SCAN_QUEUE = 'profiles.scan';
export type ScanJob = { corpId: string };

const KIND_TEXT: Record<string, string> = {
  churn_deleted: '客户已删除你',
  churn_inactive: '客户长时间未互动',
  churn_rfm: '高价值客户流失风险',
  repurchase: '客户到了复购周期',
};

/** An alert to tell its staff member about. */
export type AlertNotice = { id: string; customer_id: string; staff_userid: string | null; kind: string; product?: string | null };

/** One scanner per app: the daily RFM refresh is remembered per corp in it (not per process). */
export function createProfileScanner(ctx: AppContext, connections: WecomConnections) {
  const lastRfm = new Map<string, number>();
  return {
    async scan(corpId: string) {
      const { db, logger } = ctx;
      if ((lastRfm.get(corpId) ?? 0) < Date.now() - 86_400_000) {
        await withCorp(db, corpId, (tx) => recomputeRfm(tx, corpId, 'all'));
        lastRfm.set(corpId, Date.now());
      }
      await withCorp(db, corpId, (tx) => expirePoints(tx, corpId));
      const due = await withCorp(db, corpId, (tx) => dueDwellReminders(tx, corpId));
      for (const d of due) {
        if (d.staff_userid) {
          await notifyStaff(connections, logger, corpId, [d.staff_userid], `【阶段提醒】客户「${d.customer_name || '未命名'}」在「${d.pipeline_name} / ${d.stage_name}」已停留 ${d.days} 天，请跟进。`);
        }
        await withCorp(db, corpId, (tx) => markDwellReminded(tx, corpId, d.customer_id, d.stage_id));
      }
      const { opened, resolved, retry } = await withCorp(db, corpId, async (tx) => {
        const settings = await getAlertSettings(tx, corpId);
        const resolved = await resolveAlerts(tx, corpId, 'all', settings.inactiveDays);
        const opened = await openAlerts(tx, corpId, await scanAlertCandidates(tx, corpId, settings));
        const retry = await failedNotices(tx, corpId);
        return { opened, resolved, retry };
      });
      const fresh = new Set(opened.map((a) => a.id));
      await notifyAlerts(ctx, connections, corpId, [...opened, ...retry.filter((a) => !fresh.has(a.id))]);
      return { reminders: due.length, alerts: opened.length, resolved: resolved.length };
    },
  };
}

export type ProfileScanner = ReturnType<typeof createProfileScanner>;

/** Open alerts of the last day whose reminder failed (WeCom fault, no app yet): tried again on every scan. */
async function failedNotices(tx: Tx, corpId: string): Promise<AlertNotice[]> {
  const { rows } = await sql<AlertNotice>`
    select id, customer_id, staff_userid, kind, detail->>'productName' as product from alerts
     where corp_id = ${corpId} and status = 'open' and notified_at is null and notify_failed_at is not null
       and created_at > now() - interval '1 day'`.execute(tx);
  return rows;
}

/** One app message per staff member for these alerts, counting customers per kind (naming the products due). */
export async function notifyAlerts(ctx: AppContext, connections: WecomConnections, corpId: string, alerts: AlertNotice[]) {
  if (alerts.length === 0) return;
  const settings = await withCorp(ctx.db, corpId, (tx) => getAlertSettings(tx, corpId));
  if (!settings.notifyStaff) return;
  const byStaff = new Map<string, AlertNotice[]>();
  for (const a of alerts) if (a.staff_userid) byStaff.set(a.staff_userid, [...(byStaff.get(a.staff_userid) ?? []), a]);
  const notified: string[] = [];
  const failed: string[] = [];
  for (const [staff, list] of byStaff) {
    const customers = new Map<string, Set<string>>();
    const products = new Set<string>();
    for (const a of list) {
      customers.set(a.kind, (customers.get(a.kind) ?? new Set()).add(a.customer_id));
      if (a.product) products.add(a.product);
    }
    const parts = [...customers].map(([k, ids]) => {
      const names = k === 'repurchase' && products.size ? `（${[...products].slice(0, 5).join('、')}${products.size > 5 ? '等' : ''}）` : '';
      return `${KIND_TEXT[k] ?? k} ${ids.size} 位${names}`;
    });
    const sent = await notifyStaff(connections, ctx.logger, corpId, [staff], `【客户提醒】${parts.join('；')}，请在思域控制台或侧边栏查看。`);
    (sent ? notified : failed).push(...list.map((a) => a.id));
  }
  // Every staff member's outcome in one transaction (a batch of alerts reaches many staff members at once).
  await withCorp(ctx.db, corpId, async (tx) => {
    const now = new Date();
    if (notified.length) await tx.updateTable('alerts').set({ notified_at: now }).where('corp_id', '=', corpId).where('id', 'in', notified).execute();
    if (failed.length) await tx.updateTable('alerts').set({ notify_failed_at: now }).where('corp_id', '=', corpId).where('id', 'in', failed).execute();
  });
}

/** Corps to scan: the connected ones (reminders go through WeCom). */
export async function scanCorps(ctx: AppContext): Promise<string[]> {
  const { rows } = await sql<{ corp_id: string }>`select corp_id from siyu_wecom_connected_corps()`.execute(ctx.db);
  return rows.map((r) => r.corp_id);
}
