import { api } from './client';

export interface FissionCampaignItem {
  id: string;
  name: string;
  goal: number;
  reward_type: 'code' | 'link';
  starts_at: string;
  ends_at: string;
  participants: number;
  adds: number;
  completions: number;
}

export interface FissionFunnel {
  posters: number;
  scans: number;
  adds: number;
  withdrawn: number;
  completions: number;
  rewards: number;
}

export interface FissionCampaign {
  id: string;
  name: string;
  goal: number;
  rewardType: 'code' | 'link';
  rewardLink: string | null;
  poster: { background: string; title: string; text: string; materialId?: string | null };
  startsAt: string;
  endsAt: string;
  staffUserids: string[];
  withdrawHours: number;
  codes: { total: number; issued: number };
  funnel: FissionFunnel;
  outcomes: Record<string, number>;
}

export interface LeaderboardRow {
  id: string;
  externalUserid: string;
  name: string;
  credits: number;
  rank: number;
  kocCandidate: boolean;
  completedAt: string | null;
}

export interface CampaignInput {
  name: string;
  goal: number;
  rewardType: 'code' | 'link';
  rewardLink?: string;
  rewardCodes?: string[];
  poster: { background: string; title: string; text: string; materialId?: string | null };
  startsAt: string;
  endsAt: string;
  staffUserids: string[];
  withdrawHours: number;
}

export const fissionApi = {
  list: (signal?: AbortSignal) => api.get<{ items: FissionCampaignItem[] }>('/api/fission/campaigns', signal),
  get: (id: string, signal?: AbortSignal) => api.get<FissionCampaign>(`/api/fission/campaigns/${id}`, signal),
  create: (input: CampaignInput) => api.post<{ id: string }>('/api/fission/campaigns', input),
  leaderboard: (id: string, signal?: AbortSignal) =>
    api.get<{ items: LeaderboardRow[] }>(`/api/fission/campaigns/${id}/leaderboard?limit=20`, signal),
  join: (id: string, externalUserid: string) =>
    api.post<{ token: string; progressUrl: string; posterUrl: string }>(`/api/fission/campaigns/${id}/participants`, {
      externalUserid,
    }),
};
