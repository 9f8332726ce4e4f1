import { api } from './client';
import type { Role } from './auth';

export interface CorpUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  staffUserid: string | null;
  createdAt: string;
}

export const usersApi = {
  list: (signal?: AbortSignal) => api.get<{ items: CorpUser[] }>('/api/users', signal),
  update: (id: string, patch: { role?: Role; staffUserid?: string | null }) =>
    api.patch<CorpUser>(`/api/users/${encodeURIComponent(id)}`, patch),
  remove: (id: string) => api.delete<void>(`/api/users/${encodeURIComponent(id)}`),
};
