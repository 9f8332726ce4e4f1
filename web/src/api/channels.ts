import type {
  ChannelCode as ChannelCodeAnswer,
  ChannelCodeGroup,
  ChannelDayStats,
  ChannelListItem,
  ChannelScheduleRule,
  ChannelStats,
  ChannelTagOption,
  ChannelTotals,
  GroupCode as GroupCodeAnswer,
  GroupCodeListItem,
  GroupOption,
  StoreAnswer,
  StoreCodeAnswer,
  StoreCodeListItem,
  StoreImportResult,
  StoreListItem,
  WelcomeAttachment,
} from '@siyu/contracts';
import { api } from './client';

// The answers of /api/channels…: the route schemas' Static types.
export type {
  ChannelCodeGroup as CodeGroup,
  ChannelDayStats as DayStats,
  ChannelListItem as ChannelCode,
  ChannelScheduleRule as ScheduleRule,
  ChannelStats,
  ChannelTagOption as TagOption,
  ChannelTotals,
  WelcomeAttachment,
};

/** What the code form sends (POST and PUT /api/channels): a code's own settings, most of them optional. */
export type ChannelInput = Pick<ChannelCodeAnswer, 'name' | 'staffUserids'> &
  Partial<Pick<ChannelCodeAnswer, 'groupId' | 'backupUserids' | 'schedule' | 'dailyCap' | 'skipVerify' | 'autoAccept' | 'tagIds' | 'welcome' | 'cost'>>;

/** A row of GET /api/group-codes: the route schema's Static type. */
export type GroupCode = GroupCodeListItem;

export interface GroupCodeInput {
  name: string;
  chatIds: string[];
  autoCreateRoom?: boolean;
  roomBaseName?: string;
}

// The answers of /api/stores and /api/store-codes: the route schemas' Static types.
export type Store = StoreListItem;
export type { StoreCodeListItem as StoreCode, StoreImportResult };

/** What the store form sends (POST and PUT /api/stores). */
export type StoreInput = Omit<StoreAnswer, 'id' | 'createdAt'>;

const range = (from?: string, to?: string) => new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();

export const channelsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: ChannelListItem[] }>('/api/channels', signal),
  create: (body: ChannelInput) => api.post<ChannelCodeAnswer>('/api/channels', body),
  update: (id: string, body: ChannelInput) => api.put<ChannelCodeAnswer>(`/api/channels/${id}`, body),
  remove: (id: string) => api.delete<void>(`/api/channels/${id}`),
  stats: (id: string, from?: string, to?: string, signal?: AbortSignal) =>
    api.get<ChannelStats>(`/api/channels/${id}/stats?${range(from, to)}`, signal),
  statsXlsxUrl: (id: string, from?: string, to?: string) => `/api/channels/${id}/stats.xlsx?${range(from, to)}`,
  summaryXlsxUrl: (from?: string, to?: string) => `/api/channels/summary.xlsx?${range(from, to)}`,
  qrUrl: (id: string) => `/api/channels/${id}/qr.png`,
  tagOptions: (signal?: AbortSignal) => api.get<{ items: ChannelTagOption[] }>('/api/channels/tag-options', signal),
  groups: (signal?: AbortSignal) => api.get<{ items: ChannelCodeGroup[] }>('/api/channels/groups', signal),
  createGroup: (name: string) => api.post<ChannelCodeGroup>('/api/channels/groups', { name }),
};

export const groupCodesApi = {
  list: (signal?: AbortSignal) => api.get<{ items: GroupCode[] }>('/api/group-codes', signal),
  groupOptions: (signal?: AbortSignal) =>
    api.get<{ items: GroupOption[] }>('/api/group-codes/group-options', signal),
  create: (body: GroupCodeInput) => api.post<GroupCodeAnswer>('/api/group-codes', body),
  update: (id: string, body: GroupCodeInput) => api.put<GroupCodeAnswer>(`/api/group-codes/${id}`, body),
  remove: (id: string) => api.delete<void>(`/api/group-codes/${id}`),
  qrUrl: (id: string) => `/api/group-codes/${id}/qr.png`,
};

export const storesApi = {
  list: (signal?: AbortSignal) => api.get<{ items: Store[] }>('/api/stores', signal),
  create: (body: StoreInput) => api.post<StoreAnswer>('/api/stores', body),
  update: (id: string, body: StoreInput) => api.put<StoreAnswer>(`/api/stores/${id}`, body),
  remove: (id: string) => api.delete<void>(`/api/stores/${id}`),
  import: (fileName: string, contentBase64: string) => api.post<StoreImportResult>('/api/stores/import', { fileName, contentBase64 }),
  codes: (signal?: AbortSignal) => api.get<{ items: StoreCodeListItem[] }>('/api/store-codes', signal),
  createCode: (name: string, title: string) => api.post<StoreCodeAnswer>('/api/store-codes', { name, title }),
};
