import type { Lead, LeadBatch, LeadBatchDetail, LeadDistributed, LeadImportError, LeadStaffConversion, LeadStatus } from '@siyu/contracts';
import { api, ApiError } from './client';

// The answers of /api/leads…: the route schemas' Static types.
export type { Lead, LeadBatch, LeadBatchDetail, LeadStatus, LeadStaffConversion as StaffConversion };

export interface DistributeInput {
  mode: 'even' | 'weight';
  staff: Array<{ userid: string; weight?: number }>;
  deadlineHours: number;
  maxRounds?: number;
}

/** The spreadsheet goes as the raw request body (CSV or XLSX). */
async function upload(file: File, language: string): Promise<{ id: string }> {
  const res = await fetch(`/api/leads/imports?filename=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': file.name.toLowerCase().endsWith('.xlsx')
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv',
      'Accept-Language': language,
    },
    body: file,
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string; code?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, body.code ?? `http_${res.status}`, body.message ?? res.statusText);
  return { id: body.id as string };
}

export const leadsApi = {
  upload,
  batches: (signal?: AbortSignal) => api.get<{ items: LeadBatch[] }>('/api/leads/batches', signal),
  batch: (id: string, signal?: AbortSignal) => api.get<LeadBatchDetail>(`/api/leads/batches/${id}`, signal),
  errors: (id: string, signal?: AbortSignal) =>
    api.get<{ items: LeadImportError[]; total: number }>(
      `/api/leads/batches/${id}/errors?pageSize=200`,
      signal,
    ),
  distribute: (id: string, input: DistributeInput) =>
    api.post<LeadDistributed>(`/api/leads/batches/${id}/distribute`, input),
  list: (q: { status?: LeadStatus; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<{ items: Lead[]; total: number }>(
      `/api/leads?page=${q.page}&pageSize=${q.pageSize}${q.status ? `&status=${q.status}` : ''}`,
      signal,
    ),
  conversion: (signal?: AbortSignal) => api.get<{ items: LeadStaffConversion[] }>('/api/leads/conversion/staff', signal),
  confirm: (id: string, externalUserid: string) => api.post<{ id: string; status: 'added'; addedBy: 'manual' }>(`/api/leads/${id}/confirm`, { externalUserid }),
};
