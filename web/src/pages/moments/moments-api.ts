// The console's calls to /api/moments; answer types are the contracts' Static types.
import type { CreateMomentBodyT, Moment, MomentDetail, MomentStatus } from '@siyu/contracts';
import { api } from '../../api/client';

export const momentsApi = {
  list: (q: { status?: MomentStatus; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<{ items: Moment[]; total: number }>(`/api/moments?page=${q.page}&pageSize=${q.pageSize}${q.status ? `&status=${q.status}` : ''}`, signal),
  get: (id: string, signal?: AbortSignal) => api.get<MomentDetail>(`/api/moments/${id}`, signal),
  create: (body: CreateMomentBodyT) => api.post<Moment>('/api/moments', body),
  sync: (id: string) => api.post<{ queued: boolean }>(`/api/moments/${id}/sync`),
  cancel: (id: string) => api.post<Moment>(`/api/moments/${id}/cancel`),
};
