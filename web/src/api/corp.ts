import { api } from './client';

export interface CorpInfo {
  id: string;
  name: string;
  isDemo: boolean;
  wecomCorpId: string | null;
  wecomConnected: boolean;
  callbackUrl: string;
  apiBase: string | null;
}

export const corpApi = {
  get: (signal?: AbortSignal) => api.get<CorpInfo>('/api/corp', signal),
  rename: (name: string) => api.patch<CorpInfo>('/api/corp', { name }),
};
