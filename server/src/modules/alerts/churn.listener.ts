// A customer who deletes their staff member raises a churn alert at once, and the staff member hears of it after
// commit. A customer who adds a staff member is active again: their inactivity alert (and the deletion alert for that
// staff member) closes.
import type { AppContext } from '../../context';
import { afterCommit, type Reactor } from '../../platform/events';
import type { WecomConnections } from '../wecom';
import { openAlerts, type OpenedAlert } from './alerts.repo';
import { resolveOpenAlerts } from './resolve-open-alerts';
import { notifyAlerts } from './scan-profiles.job';

export function churnReactor(ctx: AppContext, connections: WecomConnections): Reactor {
  return {
    name: 'alerts',
    phase: 'derive',
    effects: { 'alerts.notify': (corpId, items) => notifyAlerts(ctx, connections, corpId, items.flatMap((d) => d.opened as OpenedAlert[])) },
    on: {
      'follow.added': async (tx, corpId, events) => {
        const ids = [...new Set(events.flatMap((e) => (e.customerId ? [e.customerId] : [])))];
        if (ids.length) await resolveOpenAlerts(tx, corpId, ids);
      },
      'follow.deleted': async (tx, corpId, events) => {
        const deleted = events.filter((e) => e.data.by === 'customer' && e.customerId);
        if (deleted.length === 0) return;
        const names = new Map(
          (await tx.selectFrom('customers').select(['id', 'name']).where('corp_id', '=', corpId).where('id', 'in', deleted.map((e) => e.customerId!)).execute()).map(
            (c) => [c.id, c.name],
          ),
        );
        const opened = await openAlerts(
          tx,
          corpId,
          deleted.map((e) => ({
            customerId: e.customerId!,
            staffUserid: e.data.staffUserid,
            kind: 'churn_deleted' as const,
            basisAt: e.data.at,
            detail: { name: names.get(e.customerId!) ?? '', at: e.data.at },
          })),
        );
        if (opened.length) afterCommit(tx, corpId, 'alerts.notify', `alerts.notify:${opened.map((o) => o.id).join(',')}`, { opened });
      },
    },
  };
}
