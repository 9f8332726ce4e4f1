import { api } from './client';

export interface QueueSize {
  name: string;
  queued: number;
  dead: number;
}

export interface DeadJob {
  id: string;
  queue: string;
  data: unknown;
  output: unknown;
  failedAt: string | null;
  retryCount: number;
}

export const jobsApi = {
  get: (signal?: AbortSignal) => api.get<{ queues: QueueSize[]; dead: DeadJob[] }>('/api/jobs', signal),
  retry: (id: string) => api.post<{ retried: boolean }>(`/api/jobs/dead/${encodeURIComponent(id)}/retry`),
};
