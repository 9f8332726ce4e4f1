// A corp's users: list, change role or staff link, remove. The shapes are the routes' own (packages/contracts).
import type { CorpUser, CorpUserList, UpdateUser } from '@siyu/contracts';
import { api } from './client';

export type { CorpUser } from '@siyu/contracts';

export const usersApi = {
  list: (signal?: AbortSignal) => api.get<CorpUserList>('/api/users', signal),
  update: (id: string, patch: UpdateUser) =>
    api.patch<CorpUser>(`/api/users/${encodeURIComponent(id)}`, patch),
  remove: (id: string) => api.delete<void>(`/api/users/${encodeURIComponent(id)}`),
};
