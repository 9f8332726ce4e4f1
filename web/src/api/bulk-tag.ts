import { api } from './client';
import type { Rule } from './segments';

export interface TagJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'partial' | 'failed';
  /** follows to mark (known once the job runs) */
  total: number;
  done: number;
  failed: number;
  customers: number;
  errors: Array<{ customerId: string; staffUserid: string; message: string }>;
}

export type BulkTarget = { customerIds: string[] } | { filter: Rule };

export const bulkTagApi = {
  start: (target: BulkTarget, add: string[], remove: string[]) =>
    api.post<{ id: string; customers: number }>('/api/tags/bulk', { ...target, add, remove }),
  job: (id: string, signal?: AbortSignal) => api.get<TagJob>(`/api/tag-jobs/${encodeURIComponent(id)}`, signal),
};
