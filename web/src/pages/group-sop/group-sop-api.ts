// The console's calls to /api/group-sop…; every answer typed with the contracts' Static types.
import type { GroupSopPlan, GroupSopPlanInput, GroupSopPlanList, GroupSopRunList } from '@siyu/contracts';
import { api } from '../../api/client';

export type GroupSopPlanAction = 'pause' | 'resume' | 'archive';

export const groupSopApi = {
  list: (signal?: AbortSignal) => api.get<GroupSopPlanList>('/api/group-sop/plans', signal),
  get: (id: string, signal?: AbortSignal) => api.get<GroupSopPlan>(`/api/group-sop/plans/${id}`, signal),
  create: (body: GroupSopPlanInput) => api.post<GroupSopPlan>('/api/group-sop/plans', body),
  update: (id: string, body: GroupSopPlanInput) => api.put<GroupSopPlan>(`/api/group-sop/plans/${id}`, body),
  act: (id: string, action: GroupSopPlanAction) => api.post<GroupSopPlan>(`/api/group-sop/plans/${id}/${action}`),
  runs: (id: string, signal?: AbortSignal) => api.get<GroupSopRunList>(`/api/group-sop/plans/${id}/runs?limit=500`, signal),
};
