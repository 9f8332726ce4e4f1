import { api } from './client';

export interface DashboardSummary {
  staff: number;
  customers: number;
  groups: number;
  newCustomersByDay: { day: string; count: number }[];
  addsByChannel: { channel: string; count: number }[];
}

export const dashboardApi = {
  summary: (signal?: AbortSignal) => api.get<DashboardSummary>('/api/dashboard/summary', signal),
};
