import type { CorpInfo } from '@siyu/contracts';
import { api } from './client';

/** The answer of /api/corp: the route schema's Static type. */
export type { CorpInfo };

export const corpApi = {
  get: (signal?: AbortSignal) => api.get<CorpInfo>('/api/corp', signal),
  rename: (name: string) => api.patch<CorpInfo>('/api/corp', { name }),
};
