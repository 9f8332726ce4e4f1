import { api } from './client';

export interface ScheduleRule {
  userids: string[];
  weekdays: number[];
  start: string;
  end: string;
}

export type WelcomeAttachment =
  | { msgtype: 'image'; image: { pic_url?: string; media_id?: string } }
  | { msgtype: 'link'; link: { title: string; url: string; picurl?: string; desc?: string } }
  | { msgtype: 'miniprogram'; miniprogram: { title: string; pic_media_id: string; appid: string; page: string } }
  | { msgtype: 'video'; video: { media_id: string } }
  | { msgtype: 'file'; file: { media_id: string } };

export interface ChannelInput {
  name: string;
  groupId?: string | null;
  staffUserids: string[];
  backupUserids?: string[];
  schedule?: ScheduleRule[];
  dailyCap?: number | null;
  skipVerify?: boolean;
  autoAccept?: { start: string; end: string } | null;
  tagIds?: string[];
  welcome?: { text?: string; attachments?: WelcomeAttachment[]; materialIds?: string[] };
  cost?: number;
}

export interface ChannelTotals {
  adds: number;
  deletedByCustomer: number;
  deletedByStaff: number;
  net: number;
  converted: number;
  revenue: number;
  welcomeSent: number;
  welcomeLate: number;
  welcomeFailed: number;
  cost: number;
  costPerAdd: number | null;
  roi: number | null;
}

export interface ChannelCode extends ChannelInput {
  id: string;
  state: string;
  configId: string | null;
  qrCode: string | null;
  appliedUserids: string[];
  createdAt: string;
  totals: ChannelTotals;
  today: { adds: number; net: number };
}

export interface DayStats {
  day: string;
  adds: number;
  deletedByCustomer: number;
  deletedByStaff: number;
  net: number;
  retention1: number | null;
  retention7: number | null;
  retention30: number | null;
  converted: number;
  revenue: number;
  welcomeSent: number;
  welcomeLate: number;
}

export interface ChannelStats {
  id: string;
  name: string;
  range: { from: string; to: string };
  totals: ChannelTotals;
  days: DayStats[];
}

export interface TagOption {
  tagId: string;
  name: string;
  groupId: string;
  groupName: string;
}

export interface CodeGroup {
  id: string;
  name: string;
  codes: number;
}

export interface GroupCode {
  id: string;
  name: string;
  state: string;
  qrCode: string | null;
  chatIds: string[];
  autoCreateRoom: boolean;
  roomBaseName: string | null;
  roomBaseId: number;
  joins: { total: number; today: number };
  groups: Array<{ chatId: string; name: string; memberCount: number }>;
}

export interface GroupCodeInput {
  name: string;
  chatIds: string[];
  autoCreateRoom?: boolean;
  roomBaseName?: string;
}

export interface Store {
  id: string;
  name: string;
  city: string;
  address: string;
  lat: number | null;
  lng: number | null;
  channelId: string | null;
  groupCodeId: string | null;
  scans: number;
  adds: number;
  joins: number;
}

export type StoreInput = Omit<Store, 'id' | 'scans' | 'adds' | 'joins'>;

export interface StoreImportResult {
  total: number;
  imported: number;
  updated: number;
  errors: Array<{ row: number; message: string }>;
}

export interface StoreCode {
  id: string;
  name: string;
  title: string;
  visits: number;
}

const range = (from?: string, to?: string) => new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();

export const channelsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: ChannelCode[] }>('/api/channels', signal),
  create: (body: ChannelInput) => api.post<ChannelCode>('/api/channels', body),
  update: (id: string, body: ChannelInput) => api.put<ChannelCode>(`/api/channels/${id}`, body),
  remove: (id: string) => api.delete<void>(`/api/channels/${id}`),
  stats: (id: string, from?: string, to?: string, signal?: AbortSignal) =>
    api.get<ChannelStats>(`/api/channels/${id}/stats?${range(from, to)}`, signal),
  statsXlsxUrl: (id: string, from?: string, to?: string) => `/api/channels/${id}/stats.xlsx?${range(from, to)}`,
  summaryXlsxUrl: (from?: string, to?: string) => `/api/channels/summary.xlsx?${range(from, to)}`,
  qrUrl: (id: string) => `/api/channels/${id}/qr.png`,
  tagOptions: (signal?: AbortSignal) => api.get<{ items: TagOption[] }>('/api/channels/tag-options', signal),
  groups: (signal?: AbortSignal) => api.get<{ items: CodeGroup[] }>('/api/channels/groups', signal),
  createGroup: (name: string) => api.post<CodeGroup>('/api/channels/groups', { name }),
};

export const groupCodesApi = {
  list: (signal?: AbortSignal) => api.get<{ items: GroupCode[] }>('/api/group-codes', signal),
  groupOptions: (signal?: AbortSignal) =>
    api.get<{ items: Array<{ chatId: string; name: string; memberCount: number }> }>('/api/group-codes/group-options', signal),
  create: (body: GroupCodeInput) => api.post<GroupCode>('/api/group-codes', body),
  update: (id: string, body: GroupCodeInput) => api.put<GroupCode>(`/api/group-codes/${id}`, body),
  remove: (id: string) => api.delete<void>(`/api/group-codes/${id}`),
  qrUrl: (id: string) => `/api/group-codes/${id}/qr.png`,
};

export const storesApi = {
  list: (signal?: AbortSignal) => api.get<{ items: Store[] }>('/api/stores', signal),
  create: (body: StoreInput) => api.post<Store>('/api/stores', body),
  update: (id: string, body: StoreInput) => api.put<Store>(`/api/stores/${id}`, body),
  remove: (id: string) => api.delete<void>(`/api/stores/${id}`),
  import: (fileName: string, contentBase64: string) => api.post<StoreImportResult>('/api/stores/import', { fileName, contentBase64 }),
  codes: (signal?: AbortSignal) => api.get<{ items: StoreCode[] }>('/api/store-codes', signal),
  createCode: (name: string, title: string) => api.post<StoreCode>('/api/store-codes', { name, title }),
};
