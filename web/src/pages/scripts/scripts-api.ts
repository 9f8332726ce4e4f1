// The console's calls to /api/scripts and /api/script-folders; answer types are the contracts' Static types.
import type { ScriptFolder, ScriptInput, ScriptList, ScriptUse } from '@siyu/contracts';
import { api } from '../../api/client';

export const scriptsApi = {
  list: (f: { folderId?: string; q?: string }, signal?: AbortSignal) => {
    const p = new URLSearchParams();
    if (f.folderId) p.set('folderId', f.folderId);
    if (f.q) p.set('q', f.q);
    const s = p.toString();
    return api.get<ScriptList>(`/api/scripts${s ? `?${s}` : ''}`, signal);
  },
  uses: (signal?: AbortSignal) => api.get<{ items: ScriptUse[] }>('/api/scripts/uses', signal),
  create: (body: ScriptInput) => api.post<{ id: string }>('/api/scripts', body),
  update: (id: string, body: ScriptInput) => api.put<void>(`/api/scripts/${id}`, body),
  remove: (id: string) => api.delete<void>(`/api/scripts/${id}`),
  createFolder: (name: string) => api.post<ScriptFolder>('/api/script-folders', { name }),
  deleteFolder: (id: string) => api.delete<void>(`/api/script-folders/${id}`),
};
