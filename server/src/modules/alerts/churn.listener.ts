// A customer who deletes their staff member raises a churn alert at once, and the staff member hears of it.
// A customer who adds a staff member is active again: their inactivity alert (and the deletion alert for that staff
// member) closes.
import type { AppContext } from '../../context';
import type { WecomModule } from '../wecom/wecom.module';
import { resolveAlerts } from './alert-rules.repo';
import { getAlertSettings, openAlerts, type OpenedAlert } from './alerts.repo';
import { notifyAlerts } from './scan-profiles.job';

export function registerChurnListener(ctx: AppContext, wecom: WecomModule): void {
  const pending = new Map<string, OpenedAlert[]>();
  wecom.listeners.add({
    name: 'profiles.churn',
    inTx: async (tx, corpId, e) => {
      if (e.kind !== 'del_follow_user' && e.kind !== 'add_external_contact' && e.kind !== 'add_half_external_contact') return;
      const c = await tx.selectFrom('customers').select(['id', 'name']).where('corp_id', '=', corpId).where('external_userid', '=', e.externalUserId).executeTakeFirst();
      if (!c) return;
      if (e.kind !== 'del_follow_user') {
        await resolveAlerts(tx, corpId, [c.id], (await getAlertSettings(tx, corpId)).inactiveDays);
        return;
      }
      const at = new Date(e.createTime * 1000 || Date.now()).toISOString();
      const opened = await openAlerts(tx, corpId, [{ customerId: c.id, staffUserid: e.userId, kind: 'churn_deleted', basisAt: at, detail: { name: c.name, at } }]);
      if (opened.length) pending.set(`${corpId}|${e.externalUserId}|${e.userId}`, opened);
    },
    afterCommit: async (corpId, e) => {
      if (e.kind !== 'del_follow_user') return;
      const key = `${corpId}|${e.externalUserId}|${e.userId}`;
      const opened = pending.get(key);
      pending.delete(key);
      if (opened) await notifyAlerts(ctx, wecom.connections, corpId, opened);
    },
  });
}
