import type { DashboardSummary } from '@siyu/contracts';
import { api } from './client';

/** The answer of /api/dashboard/summary: the route schema's Static type. */
export type { DashboardSummary };

export const dashboardApi = {
  summary: (signal?: AbortSignal) => api.get<DashboardSummary>('/api/dashboard/summary', signal),
};
