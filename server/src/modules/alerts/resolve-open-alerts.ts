// Closes the open alerts whose reason is gone (a purchase, new activity, a better RFM class), by the corp's own
// inactivity setting. Other modules call it after they change what alerts are computed from.
import type { Tx } from '../../db/tenancy';
import { resolveAlerts } from './alert-rules.repo';
import { customersWithOpenAlerts, getAlertSettings } from './alerts.repo';

export async function resolveOpenAlerts(tx: Tx, corpId: string, customerIds: readonly string[] | 'all') {
  // Most changed customers have no open alert (a burst of new friends): then nothing is planned or read further.
  const scope = customerIds === 'all' ? 'all' : await customersWithOpenAlerts(tx, corpId, customerIds);
  if (scope !== 'all' && scope.length === 0) return [];
  return resolveAlerts(tx, corpId, scope, (await getAlertSettings(tx, corpId)).inactiveDays);
}
