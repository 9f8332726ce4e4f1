// The console's calls to /api/broadcasts…; every answer typed with the contracts' Static types.
import type {
  BroadcastDetail,
  BroadcastList,
  BroadcastOutcome,
  BroadcastPreview,
  BroadcastRecipientPage,
  BroadcastSettings,
  CreateBroadcast,
  PreviewBroadcast,
  RecipientQuery,
} from '@siyu/contracts';
import { api } from '../../api/client';

export const broadcastsApi = {
  list: (signal?: AbortSignal) => api.get<BroadcastList>('/api/broadcasts', signal),
  preview: (body: PreviewBroadcast) => api.post<BroadcastPreview>('/api/broadcasts/preview', body),
  create: (body: CreateBroadcast) => api.post<{ id: string; planned: number; tasks: number }>('/api/broadcasts', body),
  detail: (id: string, signal?: AbortSignal) => api.get<BroadcastDetail>(`/api/broadcasts/${id}`, signal),
  recipients: (id: string, q: RecipientQuery, signal?: AbortSignal) => {
    const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    return api.get<BroadcastRecipientPage>(`/api/broadcasts/${id}/recipients?${params}`, signal);
  },
  outcome: (id: string, signal?: AbortSignal) => api.get<BroadcastOutcome>(`/api/broadcasts/${id}/outcome`, signal),
  remind: (id: string) => api.post<{ reminded: number; appMessage: boolean }>(`/api/broadcasts/${id}/remind`),
  cancel: (id: string) => api.post<{ cancelled: number }>(`/api/broadcasts/${id}/cancel`),
  resume: (id: string) => api.post<{ resumed: boolean }>(`/api/broadcasts/${id}/resume`),
  refresh: (id: string) => api.post<{ queued: boolean }>(`/api/broadcasts/${id}/refresh`),
  settings: (signal?: AbortSignal) => api.get<BroadcastSettings>('/api/broadcasts/settings', signal),
};
