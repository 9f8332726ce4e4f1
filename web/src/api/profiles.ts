import type { CustomerProfile, FunnelRow, Pipeline, StageRuleRun, TagGroup, TimelineItem, TimelinePage } from '@siyu/contracts';
import { api } from './client';
import type { Rule } from './segments';

// The answers of /api/customers/:id/profile and /timeline: the route schemas' Static types.
export type { CustomerProfile, TimelineItem };

// The answers of /api/tags and /api/pipelines: the route schemas' Static types.
export type { Pipeline, TagGroup };

// The answers of the stage-rule run and funnel routes: the route schemas' Static types.
export type { FunnelRow, StageRuleRun };

const enc = encodeURIComponent;

export const profilesApi = {
  profile: (id: string, signal?: AbortSignal) => api.get<CustomerProfile>(`/api/customers/${enc(id)}/profile`, signal),
  timeline: (id: string, q: { types?: string; cursor?: string }, signal?: AbortSignal) => {
    const p = new URLSearchParams({ limit: '30' });
    if (q.types) p.set('types', q.types);
    if (q.cursor) p.set('cursor', q.cursor);
    return api.get<TimelinePage>(`/api/customers/${enc(id)}/timeline?${p}`, signal);
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
