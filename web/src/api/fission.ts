import type {
  FissionCampaign,
  FissionCampaignCreated,
  FissionCampaignInput as CampaignInput,
  FissionCampaignItem,
  FissionFunnel,
  FissionLeaderboardRow as LeaderboardRow,
  FissionParticipantJoined,
} from '@siyu/contracts';
import { api } from './client';

// The answers of /api/fission…: the route schemas' Static types.
export type { CampaignInput, FissionCampaign, FissionCampaignItem, FissionFunnel, LeaderboardRow };

export const fissionApi = {
  list: (signal?: AbortSignal) => api.get<{ items: FissionCampaignItem[] }>('/api/fission/campaigns', signal),
  get: (id: string, signal?: AbortSignal) => api.get<FissionCampaign>(`/api/fission/campaigns/${id}`, signal),
  create: (input: CampaignInput) => api.post<FissionCampaignCreated>('/api/fission/campaigns', input),
  leaderboard: (id: string, signal?: AbortSignal) =>
    api.get<{ items: LeaderboardRow[] }>(`/api/fission/campaigns/${id}/leaderboard?limit=20`, signal),
  join: (id: string, externalUserid: string) =>
    api.post<FissionParticipantJoined>(`/api/fission/campaigns/${id}/participants`, {
      externalUserid,
    }),
};
