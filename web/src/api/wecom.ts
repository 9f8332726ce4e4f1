// WeCom connection, sync runs and the status banner. The answers are the routes' own shapes (packages/contracts);
// only the connection is turned into what its form shows: a secret comes back as "is set" and a hint, never in clear.
import type { ConnectionTestAnswer, SyncRunAnswer, SyncRunList, WecomConnectionAnswer, WecomStatusAnswer } from '@siyu/contracts';
import { api } from './client';

export type { FeatureStatusAnswer as FeatureStatus, SyncRunAnswer as SyncRun, WecomStatusAnswer as WecomStatus } from '@siyu/contracts';
export type ConnectionTestResult = ConnectionTestAnswer;
export type InboxCounts = WecomStatusAnswer['inbox'];

/** The connection as its form shows it: plain fields as saved, each secret as a hint, a mask when only "is set" is
 *  known, '' when not set. */
export interface WecomConnection {
  corpId: string;
  agentId: string;
  apiBase: string;
  callbackToken: string;
  contactSecret: string;
  appSecret: string;
  callbackAesKey: string;
  callbackUrl: string;
  connected: boolean;
  callbackReady: boolean;
}

export type WecomConnectionInput = Partial<
  Pick<WecomConnection, 'corpId' | 'agentId' | 'apiBase' | 'callbackToken' | 'contactSecret' | 'appSecret' | 'callbackAesKey'>
>;

const SECRET_MASK = '••••••';

const secret = (isSet: boolean, hint: string | null = null) => hint ?? (isSet ? SECRET_MASK : '');

export function connectionView(c: WecomConnectionAnswer): WecomConnection {
  return {
    corpId: c.corpId ?? '',
    agentId: c.agentId ?? '',
    apiBase: c.apiBase,
    callbackToken: c.callbackToken ?? '',
    contactSecret: secret(c.hasContactSecret, c.contactSecretHint),
    appSecret: secret(c.hasAppSecret),
    callbackAesKey: secret(c.hasCallbackAesKey),
    callbackUrl: c.callbackUrl,
    connected: c.connected,
    callbackReady: c.callbackReady,
  };
}

export function isActiveRun(run: SyncRunAnswer): boolean {
  return run.status === 'queued' || run.status === 'running';
}

export const wecomApi = {
  connection: async (signal?: AbortSignal) => connectionView(await api.get<WecomConnectionAnswer>('/api/wecom/connection', signal)),
  saveConnection: async (input: WecomConnectionInput) => connectionView(await api.put<WecomConnectionAnswer>('/api/wecom/connection', input)),
  test: () => api.post<ConnectionTestAnswer>('/api/wecom/connection/test'),
  status: (signal?: AbortSignal) => api.get<WecomStatusAnswer>('/api/wecom/status', signal),
  runs: async (signal?: AbortSignal) => (await api.get<SyncRunList>('/api/wecom/sync', signal)).runs,
  startSync: () => api.post<SyncRunAnswer>('/api/wecom/sync'),
  reconcile: () => api.post<SyncRunAnswer>('/api/wecom/reconcile'),
};
