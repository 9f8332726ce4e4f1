// A customer who deletes their staff member raises a churn alert at once, and the staff member hears of it.
import type { AppContext } from '../../context';
import type { WecomModule } from '../wecom/wecom.module';
import { openAlerts } from './alerts.repo';
import { notifyAlerts } from './scan-profiles.job';

export function registerChurnListener(ctx: AppContext, wecom: WecomModule): void {
  const pending = new Map<string, Array<{ id: string; customer_id: string; staff_userid: string | null; kind: string }>>();
  wecom.listeners.add({
    name: 'profiles.churn',
    inTx: async (tx, corpId, e) => {
      if (e.kind !== 'del_follow_user') return;
      const c = await tx.selectFrom('customers').select(['id', 'name']).where('corp_id', '=', corpId).where('external_userid', '=', e.externalUserId).executeTakeFirst();
      if (!c) return;
      const opened = await openAlerts(tx, corpId, [{ customerId: c.id, staffUserid: e.userId, kind: 'churn_deleted', detail: { name: c.name, at: new Date(e.createTime * 1000 || Date.now()).toISOString() } }]);
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
