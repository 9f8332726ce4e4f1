// The job queue page: queue sizes, dead letters, retrying one. The shapes are the routes' own (packages/contracts).
import type { JobRetried, JobsOverview } from '@siyu/contracts';
import { api } from './client';

export type { DeadJob, QueueSize } from '@siyu/contracts';

export const jobsApi = {
  get: (signal?: AbortSignal) => api.get<JobsOverview>('/api/jobs', signal),
  retry: (id: string) => api.post<JobRetried>(`/api/jobs/dead/${encodeURIComponent(id)}/retry`),
};
