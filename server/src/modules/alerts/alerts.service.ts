import type { AppContext } from '../../context';
import { withCorp } from '../../db/tenancy';
import type { AuthContext } from '../../http/access';
import { DomainError } from '../../http/errors';
import { writeAudit } from '../audit';
import { ownScope } from '../../platform/policy/visible-scope';
import { membershipSettings } from '../membership';
import { closeAlert, countAlerts, getAlertSettings, listAlerts, saveAlertSettings, type AlertKind, type AlertSettings } from './alerts.repo';

export function createAlertsService(ctx: AppContext) {
  const { db } = ctx;
  return {
    /** A page of alerts, and how many there are of each kind in the same status (for the tabs). */
    list: (auth: AuthContext, q: { kind?: AlertKind; status: 'open' | 'done' | 'dismissed'; page: number; pageSize: number }) =>
      withCorp(db, auth.corpId, async (tx) => ({
        ...(await listAlerts(tx, auth.corpId, { ...q, staffUserid: ownScope(auth) })),
        counts: await countAlerts(tx, auth.corpId, { status: q.status, staffUserid: ownScope(auth) }),
      })),

    setStatus: (auth: AuthContext, id: string, status: 'done' | 'dismissed') =>
      withCorp(db, auth.corpId, async (tx) => {
        const r = await closeAlert(tx, auth.corpId, id, status, ownScope(auth));
        if (!r) throw new DomainError('not_found');
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: `alert.${status}`, target: r.customer_id, detail: { alertId: id } });
      }),

    settings: (auth: AuthContext) =>
      withCorp(db, auth.corpId, async (tx) => ({
        alerts: await getAlertSettings(tx, auth.corpId),
        ...(await membershipSettings(tx, auth.corpId)),
      })),

    saveAlertSettings: (auth: AuthContext, s: AlertSettings) =>
      withCorp(db, auth.corpId, async (tx) => {
        await saveAlertSettings(tx, auth.corpId, s);
        await writeAudit(tx, { corpId: auth.corpId, actorUserId: auth.userId, action: 'alerts.settings', detail: s });
      }),

  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;
