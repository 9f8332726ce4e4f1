import { api } from './client';

export const ALERT_KINDS = ['churn_deleted', 'churn_inactive', 'churn_rfm', 'repurchase'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertStatus = 'open' | 'done' | 'dismissed';

export interface AlertItem {
  id: string;
  kind: AlertKind;
  status: AlertStatus;
  detail: Record<string, unknown>;
  createdAt: string;
  notifiedAt: string | null;
  customerId: string;
  customerName: string;
  staffUserid: string | null;
  staffName: string | null;
}

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
    return api.get<{ items: AlertItem[]; total: number; counts: Record<AlertKind, number> }>(`/api/alerts?${p}`, signal);
  },
  setStatus: (id: string, status: 'done' | 'dismissed') => api.patch<void>(`/api/alerts/${encodeURIComponent(id)}`, { status }),
};
