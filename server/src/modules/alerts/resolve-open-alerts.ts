// Closes the open alerts whose reason is gone (a purchase, new activity, a better RFM class), by the corp's own
// inactivity setting. Other modules call it after they change what alerts are computed from.
import type { Tx } from '../../db/tenancy';
import { resolveAlerts } from './alert-rules.repo';
import { getAlertSettings } from './alerts.repo';

export async function resolveOpenAlerts(tx: Tx, corpId: string, customerIds: readonly string[] | 'all') {
  return resolveAlerts(tx, corpId, customerIds, (await getAlertSettings(tx, corpId)).inactiveDays);
}
