import type { TagJob, TagJobStarted } from '@siyu/contracts';
import { api } from './client';
import type { Rule } from './segments';

/** The answer of GET /api/tag-jobs/:id: the route schema's Static type. */
export type { TagJob };

export type BulkTarget = { customerIds: string[] } | { filter: Rule };

export const bulkTagApi = {
  start: (target: BulkTarget, add: string[], remove: string[]) =>
    api.post<TagJobStarted>('/api/tags/bulk', { ...target, add, remove }),
  job: (id: string, signal?: AbortSignal) => api.get<TagJob>(`/api/tag-jobs/${encodeURIComponent(id)}`, signal),
};
