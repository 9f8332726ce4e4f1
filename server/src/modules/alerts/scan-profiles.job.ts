// The time-driven side of profiles, per connected corp every few minutes: stage dwell reminders, churn and
// repurchase alerts (with a WeCom app message to the owning staff), points expiry, and a daily RFM refresh.
import { sql } from 'kysely';
import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import { expirePoints } from '../membership/points.repo';
import { recomputeRfm } from '../membership/rfm.repo';
import { dueDwellReminders } from '../stages/stages.repo';
import type { WecomConnections } from '../wecom/wecom-connection.service';
import { getAlertSettings, openAlerts, scanAlertCandidates } from './alerts.repo';
import { notifyStaff } from './notify-staff';

export const SCAN_QUEUE = 'profiles.scan';
export type ScanJob = { corpId: string };

const KIND_TEXT: Record<string, string> = {
  churn_deleted: '客户已删除你',
  churn_inactive: '客户长时间未互动',
  churn_rfm: '高价值客户流失风险',
  repurchase: '客户到了复购周期',
};

const lastRfm = new Map<string, number>();

export async function scanProfiles(ctx: AppContext, connections: WecomConnections, corpId: string) {
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
    await withCorp(db, corpId, (tx) =>
      sql`update customer_stages set reminded_at = now() where corp_id = ${corpId} and customer_id = ${d.customer_id} and stage_id = ${d.stage_id}`.execute(tx),
    );
  }
  const opened = await withCorp(db, corpId, async (tx) => openAlerts(tx, corpId, await scanAlertCandidates(tx, corpId, await getAlertSettings(tx, corpId))));
  await notifyAlerts(ctx, connections, corpId, opened);
  return { reminders: due.length, alerts: opened.length };
}

export async function notifyAlerts(ctx: AppContext, connections: WecomConnections, corpId: string, opened: Array<{ id: string; customer_id: string; staff_userid: string | null; kind: string }>) {
  if (opened.length === 0) return;
  const settings = await withCorp(ctx.db, corpId, (tx) => getAlertSettings(tx, corpId));
  if (!settings.notifyStaff) return;
  const byStaff = new Map<string, typeof opened>();
  for (const a of opened) if (a.staff_userid) byStaff.set(a.staff_userid, [...(byStaff.get(a.staff_userid) ?? []), a]);
  for (const [staff, list] of byStaff) {
    const counts = new Map<string, number>();
    for (const a of list) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
    const text = `【客户提醒】${[...counts].map(([k, n]) => `${KIND_TEXT[k] ?? k} ${n} 位`).join('；')}，请在思域控制台或侧边栏查看。`;
    if (await notifyStaff(connections, ctx.logger, corpId, [staff], text)) {
      await withCorp(ctx.db, corpId, (tx) =>
        tx.updateTable('alerts').set({ notified_at: new Date() }).where('corp_id', '=', corpId).where('id', 'in', list.map((a) => a.id)).execute(),
      );
    }
  }
}

/** Corps to scan: the connected ones (reminders go through WeCom). */
export async function scanCorps(ctx: AppContext): Promise<string[]> {
  const { rows } = await sql<{ corp_id: string }>`select corp_id from siyu_wecom_connected_corps()`.execute(ctx.db);
  return rows.map((r) => r.corp_id);
}
