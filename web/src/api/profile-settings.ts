import type { AlertSettings, MembershipBalance, MembershipLevel, PointsRule as PointsRuleAnswer, ProfileSettings, RepurchaseCycle, RfmSettings } from '@siyu/contracts';
import { api } from './client';

// The answers of /api/profile-settings…: the route schemas' Static types.
export type { AlertSettings, ProfileSettings, RepurchaseCycle, RfmSettings };
export type Level = MembershipLevel;
/** What PUT /api/profile-settings/points-rules takes: a rule without its id. */
export type PointsRule = Omit<PointsRuleAnswer, 'id'>;

const enc = encodeURIComponent;
const CYCLES = '/api/profile-settings/repurchase-cycles';

export const profileSettingsApi = {
  get: (signal?: AbortSignal) => api.get<ProfileSettings>('/api/profile-settings', signal),
  saveAlerts: (s: AlertSettings) => api.put<void>('/api/profile-settings/alerts', s),
  saveRfm: (s: RfmSettings) => api.put<{ changed: number }>('/api/profile-settings/rfm', s),
  saveLevels: (levels: Level[]) => api.put<void>('/api/profile-settings/levels', { levels }),
  savePointsRule: (r: PointsRule) => api.put<void>('/api/profile-settings/points-rules', r),
  deletePointsRule: (id: string) => api.delete<void>(`/api/profile-settings/points-rules/${enc(id)}`),
  cycles: (signal?: AbortSignal) => api.get<{ items: RepurchaseCycle[] }>(CYCLES, signal),
  saveCycle: (c: Omit<RepurchaseCycle, 'id' | 'updatedAt'>) => api.put<RepurchaseCycle>(CYCLES, c),
  deleteCycle: (id: string) => api.delete<void>(`${CYCLES}/${enc(id)}`),
  adjustPoints: (customerId: string, delta: number, reason: string) =>
    api.post<MembershipBalance>(`/api/customers/${enc(customerId)}/points`, { delta, reason }),
};
