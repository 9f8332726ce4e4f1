import type { CustomField } from '@siyu/contracts';
import { api } from './client';

/** The answer of /api/custom-fields: the route schema's Static type. */
export type { CustomField };
export type FieldType = CustomField['type'];

export type CustomFieldInput = { key: string; label: string; type: FieldType; options?: string[]; sortOrder?: number };

const enc = encodeURIComponent;

export const customFieldsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: CustomField[] }>('/api/custom-fields', signal),
  create: (f: CustomFieldInput) => api.post<CustomField>('/api/custom-fields', f),
  update: (id: string, patch: { label?: string; options?: string[]; sortOrder?: number }) =>
    api.patch<void>(`/api/custom-fields/${enc(id)}`, patch),
  remove: (id: string) => api.delete<void>(`/api/custom-fields/${enc(id)}`),
};
