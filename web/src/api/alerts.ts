import type { AlertItem, AlertKind, AlertPage, AlertStatus } from '@siyu/contracts';
import { api } from './client';

export const ALERT_KINDS = ['churn_deleted', 'churn_inactive', 'churn_rfm', 'repurchase'] as const satisfies readonly AlertKind[];
// The answers of /api/alerts: the route schemas' Static types.
export type { AlertItem, AlertKind, AlertStatus };

export interface AlertQuery {
  kind?: AlertKind;
  status: AlertStatus;
  page: number;
  pageSize: number;
}

export const alertsApi = {
  list: (q: AlertQuery, signal?: AbortSignal) => {
    const p = new URLSearchParams({ status: q.status, page: String(q.page), pageSize: String(q.pageSize) });
    if (q.kind) p.set('kind', q.kind);
    return api.get<AlertPage>(`/api/alerts?${p}`, signal);
  },
  setStatus: (id: string, status: 'done' | 'dismissed') => api.patch<void>(`/api/alerts/${encodeURIComponent(id)}`, { status }),
};
