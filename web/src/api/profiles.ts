import type { Pipeline, TagGroup } from '@siyu/contracts';
import { api } from './client';
import type { CustomerFollow } from './customers';
import type { Rule } from './segments';

export interface TimelineItem {
  id: number;
  type: string;
  source: string;
  occurredAt: string;
  properties: Record<string, unknown>;
}

export interface CustomerProfile {
  id: string;
  attributes: {
    externalUserid: string | null;
    name: string;
    avatar: string | null;
    type: number | null;
    gender: number | null;
    unionid: string | null;
    phone: string | null;
    corpName: string | null;
    createdAt: string;
  };
  identities: Array<{ kind: string; value: string }>;
  customFields: Array<{ fieldId: string; key: string; label: string; type: 'text' | 'number' | 'date' | 'select'; options: string[]; value: string | number | null }>;
  follows: CustomerFollow[];
  groups: Array<{ chatId: string; name: string; joinTime: string | null }>;
  tags: Array<{ tagId: string; name: string | null; groupName: string | null }>;
  stages: Array<{ pipelineId: string; pipelineName: string; stageId: string | null; stageName: string | null; enteredAt: string | null }>;
  rfm: { lastOrderAt: string | null; orderCount: number; amount: number; r: number; f: number; m: number; class: string; medianIntervalDays: number | null } | null;
  membership: { points: number; growth: number; level: number; levelName: string | null; nextLevel: { level: number; name: string; minGrowth: number } | null };
  notes: Array<{ id: string; content: string; authorName: string | null; createdAt: string }>;
}

// The answers of /api/tags and /api/pipelines: the route schemas' Static types.
export type { Pipeline, TagGroup };

/** One application of a pipeline's stage rules to every customer (asked for, or by the schedule); moves per stage, last stage first. */
export interface StageRuleRun {
  id: string;
  pipelineId: string;
  trigger: 'manual' | 'schedule';
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  done: number;
  moved: number;
  stages: Array<{ stageId: string; moved: number }>;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface FunnelRow {
  stageId: string;
  name: string;
  current: number;
  entered: number;
  medianDays: number | null;
}

const enc = encodeURIComponent;

export const profilesApi = {
  profile: (id: string, signal?: AbortSignal) => api.get<CustomerProfile>(`/api/customers/${enc(id)}/profile`, signal),
  timeline: (id: string, q: { types?: string; cursor?: string }, signal?: AbortSignal) => {
    const p = new URLSearchParams({ limit: '30' });
    if (q.types) p.set('types', q.types);
    if (q.cursor) p.set('cursor', q.cursor);
    return api.get<{ items: TimelineItem[]; nextCursor: string | null; types: string[] }>(`/api/customers/${enc(id)}/timeline?${p}`, signal);
  },
  addNote: (id: string, content: string) => api.post(`/api/customers/${enc(id)}/notes`, { content }),
  setFields: (id: string, values: Record<string, string | number | null>) => api.put(`/api/customers/${enc(id)}/fields`, { values }),
  tagCustomer: (id: string, add: string[], remove: string[]) => api.post(`/api/customers/${enc(id)}/tags`, { add, remove }),
  moveStage: (id: string, pipelineId: string, stageId: string | null) => api.put(`/api/customers/${enc(id)}/stages/${enc(pipelineId)}`, { stageId }),

  tags: (signal?: AbortSignal) => api.get<{ groups: TagGroup[] }>('/api/tags', signal),
  addTags: (body: { groupId?: string; groupName?: string; tags: string[] }) => api.post('/api/tags', body),
  renameTag: (id: string, name: string) => api.patch(`/api/tags/${enc(id)}`, { name }),
  deleteTag: (id: string) => api.delete(`/api/tags/${enc(id)}`),

  pipelines: (signal?: AbortSignal) => api.get<{ items: Pipeline[] }>('/api/pipelines', signal),
  createPipeline: (name: string, stages: string[]) => api.post('/api/pipelines', { name, stages: stages.map((s) => ({ name: s })) }),
  addStage: (pipelineId: string, name: string) => api.post(`/api/pipelines/${enc(pipelineId)}/stages`, { name }),
  updateStage: (id: string, patch: { name?: string; dwellDays?: number | null; remindHour?: number | null; rule?: Rule | null }) => api.patch(`/api/stages/${enc(id)}`, patch),
  applyRules: (pipelineId: string) => api.post<StageRuleRun>(`/api/pipelines/${enc(pipelineId)}/apply-rules`),
  ruleRun: (id: string, signal?: AbortSignal) => api.get<StageRuleRun>(`/api/stage-rule-runs/${enc(id)}`, signal),
  ruleRuns: (pipelineId: string, signal?: AbortSignal) => api.get<{ items: StageRuleRun[] }>(`/api/pipelines/${enc(pipelineId)}/rule-runs`, signal),
  reorder: (pipelineId: string, stageIds: string[]) => api.put(`/api/pipelines/${enc(pipelineId)}/order`, { stageIds }),
  deleteStage: (id: string, reassignTo?: string) => api.delete(`/api/stages/${enc(id)}${reassignTo ? `?reassignTo=${enc(reassignTo)}` : ''}`),
  funnel: (pipelineId: string, signal?: AbortSignal) => api.get<{ stages: FunnelRow[] }>(`/api/pipelines/${enc(pipelineId)}/funnel`, signal),
};
