// The console's calls to /api/sop…: flows, templates, stats, enrollments, dry run, the contact budget and staff
// tasks; every answer typed with the contracts' Static types.
import type {
  SopDryRun,
  SopEnrollment,
  SopEnrollmentQuery,
  SopFlow,
  SopFlowInput,
  SopFlowUpdate,
  SopSettings,
  SopStats,
  SopTask,
  SopTaskStatus,
  SopTemplateKey,
} from '@siyu/contracts';
import { api } from '../../api/client';

export type SopFlowAction = 'activate' | 'pause' | 'resume' | 'archive';
export type SopTemplate = { key: SopTemplateKey; flow: SopFlowInput };

function query(q: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const sopApi = {
  flows: (signal?: AbortSignal) => api.get<{ items: SopFlow[] }>('/api/sop/flows', signal),
  flow: (id: string, signal?: AbortSignal) => api.get<SopFlow>(`/api/sop/flows/${id}`, signal),
  create: (body: SopFlowInput) => api.post<SopFlow>('/api/sop/flows', body),
  fromTemplate: (key: SopTemplateKey) => api.post<SopFlow>('/api/sop/flows/from-template', { key }),
  templates: (signal?: AbortSignal) => api.get<{ items: SopTemplate[] }>('/api/sop/templates', signal),
  update: (id: string, body: SopFlowUpdate) => api.put<SopFlow>(`/api/sop/flows/${id}`, body),
  act: (id: string, action: SopFlowAction) => api.post<SopFlow>(`/api/sop/flows/${id}/${action}`),
  stats: (id: string, signal?: AbortSignal) => api.get<SopStats>(`/api/sop/flows/${id}/stats`, signal),
  enrollments: (id: string, q: SopEnrollmentQuery, signal?: AbortSignal) =>
    api.get<{ items: SopEnrollment[]; total: number }>(`/api/sop/flows/${id}/enrollments${query(q)}`, signal),
  removeEnrollment: (id: string, enrollmentId: string) => api.post<{ ok: true }>(`/api/sop/flows/${id}/enrollments/${enrollmentId}/remove`),
  dryRun: (id: string) => api.post<SopDryRun>(`/api/sop/flows/${id}/dry-run`),
  settings: (signal?: AbortSignal) => api.get<SopSettings>('/api/sop/settings', signal),
  saveSettings: (body: SopSettings) => api.put<SopSettings>('/api/sop/settings', body),
  tasks: (q: { status?: SopTaskStatus; customerId?: string }, signal?: AbortSignal) => api.get<{ items: SopTask[] }>(`/api/sop/tasks${query(q)}`, signal),
  taskDone: (id: string) => api.post<SopTask>(`/api/sop/tasks/${id}/done`),
  taskDismiss: (id: string) => api.post<SopTask>(`/api/sop/tasks/${id}/dismiss`),
};
