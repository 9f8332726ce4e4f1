import type { Rule, RuleOptions, Segment, SegmentMembers, SegmentPreview } from '@siyu/contracts';
import { api, ApiError } from './client';
import type { ListColumn } from './customers';

/** A rule tree: the rule language of the contracts; the answers' shapes are the route schemas' Static types. */
export type { Rule, RuleOptions, Segment };
export type Preview = SegmentPreview;
export type Member = SegmentMembers['items'][number];

export const segmentsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: Segment[] }>('/api/segments', signal),
  /** Names behind the ids a rule stores: tags, channels, staff, groups, event types. */
  ruleOptions: (signal?: AbortSignal) => api.get<RuleOptions>('/api/segments/rule-options', signal),
  create: (body: { name: string; description?: string; rule: Rule; kind: Segment['kind']; tagId?: string }) =>
    api.post<Segment>('/api/segments', body),
  update: (id: string, body: { name?: string; rule?: Rule; active?: boolean }) =>
    api.patch<Segment>(`/api/segments/${id}`, body),
  remove: (id: string) => api.delete<void>(`/api/segments/${id}`),
  refresh: (id: string) => api.post<void>(`/api/segments/${id}/refresh`),
  preview: (rule: Rule) => api.post<Preview>('/api/segments/preview', { rule }),
  members: (id: string, page: number, pageSize: number, signal?: AbortSignal) =>
    api.get<{ total: number; items: Member[] }>(
      `/api/segments/${id}/members?page=${page}&pageSize=${pageSize}`,
      signal,
    ),
  /** Downloads the XLSX of every customer matching `rule`. */
  async exportXlsx(rule: Rule, columns: readonly ListColumn[]): Promise<void> {
    const res = await fetch('/api/customers/export', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rule, columns }),
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
      throw new ApiError(res.status, body.code ?? 'export_failed', body.message ?? res.statusText);
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `customers-${new Date().toISOString().slice(0, 10)}.xlsx`;
    a.click();
    URL.revokeObjectURL(url);
  },
};
