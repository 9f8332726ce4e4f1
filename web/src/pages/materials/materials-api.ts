// The console's calls to /api/materials and /api/material-folders; answer types are the contracts' Static types.
import type {
  CreateMaterialBodyT,
  Material,
  MaterialFolder,
  MaterialKind,
  MaterialList,
  MaterialSummary,
  UpdateMaterialBodyT,
} from '@siyu/contracts';
import { api } from '../../api/client';

export type MaterialFilter = { folderId?: string; kind?: MaterialKind; q?: string; tag?: string; page?: number; pageSize?: number };

function query(f: MaterialFilter): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const materialsApi = {
  list: (f: MaterialFilter, signal?: AbortSignal) => api.get<MaterialList>(`/api/materials${query(f)}`, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Material>(`/api/materials/${id}`, signal),
  summaries: (ids: readonly string[], signal?: AbortSignal) =>
    ids.length ? api.get<{ items: MaterialSummary[] }>(`/api/materials/summaries?ids=${ids.join(',')}`, signal) : Promise.resolve({ items: [] }),
  tags: (signal?: AbortSignal) => api.get<{ tags: string[] }>('/api/materials/tags', signal),
  create: (body: CreateMaterialBodyT) => api.post<Material>('/api/materials', body),
  update: (id: string, body: UpdateMaterialBodyT) => api.patch<Material>(`/api/materials/${id}`, body),
  remove: (id: string) => api.delete<void>(`/api/materials/${id}`),
  folders: (signal?: AbortSignal) => api.get<{ items: MaterialFolder[] }>('/api/material-folders', signal),
  createFolder: (name: string, parentId: string | null) => api.post<MaterialFolder>('/api/material-folders', { name, parentId }),
  deleteFolder: (id: string) => api.delete<void>(`/api/material-folders/${id}`),
};

/** A browser File as base64 (without the data: prefix), for the JSON upload. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
