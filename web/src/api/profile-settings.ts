import { api } from './client';

export interface AlertSettings {
  inactiveDays: number;
  repurchaseFactor: number;
  notifyStaff: boolean;
}

export interface RfmSettings {
  recencyDays: number[];
  frequencyCounts: number[];
  monetaryAmounts: number[];
  windowDays: number;
}

export interface Level {
  level: number;
  name: string;
  minGrowth: number;
}

export interface PointsRule {
  eventType: string;
  points: number;
  pointsPerYuan: number;
  growth: number;
  growthPerYuan: number;
  expiresDays: number | null;
  enabled: boolean;
}

export interface ProfileSettings {
  alerts: AlertSettings;
  rfm: RfmSettings;
  levels: Level[];
  pointsRules: Array<PointsRule & { id: string }>;
}

export interface RepurchaseCycle {
  id: string;
  match: 'sku' | 'category';
  value: string;
  name: string;
  cycleDays: number;
  updatedAt: string;
}

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
    api.post<{ points: number; growth: number; level: number }>(`/api/customers/${enc(customerId)}/points`, { delta, reason }),
};
