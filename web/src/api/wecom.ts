import { api } from './client';

/**
 * WeCom connection and sync. The server shapes are still settling, so every answer goes through a
 * normalizer that tolerates missing fields and a list that is either bare or wrapped in an object.
 */

export interface WecomConnection {
  corpId: string;
  agentId: string;
  apiBase: string;
  callbackToken: string;
  /** Secrets never come back in clear: a hint ("abc…yz"), a mask when only "is set" is known, '' when not set. */
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

export interface ConnectionTestStep {
  step: string;
  ok: boolean;
  errcode: number | null;
  errmsg: string | null;
}

export interface ConnectionTestResult {
  ok: boolean;
  errcode: number | null;
  message: string | null;
  /** staff with the customer-contact permission, when the test got that far */
  followUsers: number | null;
  steps: ConnectionTestStep[];
}

export interface InboxCounts {
  total: number;
  pending: number;
  failing: number;
  lastReceivedAt: string | null;
}

export interface WecomStatus {
  connected: boolean | null;
  features: FeatureStatus[];
  inbox: InboxCounts | null;
}

export interface FeatureStatus {
  feature: string;
  status: 'ok' | 'disabled' | string;
  errcode: number | null;
  api: string | null;
  message: string | null;
  updatedAt: string | null;
}

export type SyncKind = 'full' | 'reconcile' | string;
export type SyncStatus = 'queued' | 'running' | 'done' | 'partial' | 'failed' | string;

export interface SyncRun {
  id: string;
  kind: SyncKind;
  status: SyncStatus;
  phase: string | null;
  total: number;
  done: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  report: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** `[...]`, `{items: [...]}`, `{runs: [...]}`, `{features: [...]}` → the array. */
function listOf(body: unknown, ...keys: string[]): unknown[] {
  if (Array.isArray(body)) return body;
  if (isObject(body)) {
    for (const key of [...keys, 'items']) {
      const value = body[key];
      if (Array.isArray(value)) return value;
    }
  }
  return [];
}

const SECRET_MASK = '••••••';

function secret(value: unknown, hint: unknown, isSet: unknown): string {
  return str(value) ?? str(hint) ?? (isSet === true ? SECRET_MASK : '');
}

export function normalizeConnection(body: unknown): WecomConnection {
  const b = isObject(body) ? body : {};
  const corpId = str(b.corpId ?? b.wecomCorpId) ?? '';
  const contactSecret = secret(b.contactSecret, b.contactSecretHint, b.hasContactSecret);
  const callbackToken = str(b.callbackToken) ?? '';
  const callbackAesKey = secret(b.callbackAesKey, b.callbackAesKeyHint, b.hasCallbackAesKey);
  return {
    corpId,
    agentId: str(b.agentId) ?? '',
    apiBase: str(b.apiBase) ?? '',
    callbackToken,
    contactSecret,
    appSecret: secret(b.appSecret, b.appSecretHint, b.hasAppSecret),
    callbackAesKey,
    callbackUrl: str(b.callbackUrl) ?? '',
    connected: typeof b.connected === 'boolean' ? b.connected : Boolean(corpId && contactSecret),
    callbackReady: typeof b.callbackReady === 'boolean' ? b.callbackReady : Boolean(callbackToken && callbackAesKey),
  };
}

export function normalizeTestResult(body: unknown): ConnectionTestResult {
  const b = isObject(body) ? body : {};
  const errcode = num(b.errcode);
  const ok = typeof b.ok === 'boolean' ? b.ok : errcode === 0;
  const steps = (Array.isArray(b.steps) ? b.steps : []).filter(isObject).map((s) => ({
    step: str(s.step) ?? '',
    ok: s.ok === true,
    errcode: num(s.errcode),
    errmsg: str(s.errmsg ?? s.message),
  }));
  return { ok, errcode, message: str(b.message ?? b.errmsg ?? b.error), followUsers: num(b.followUsers), steps };
}

export function normalizeStatus(body: unknown): WecomStatus {
  const b = isObject(body) ? body : {};
  const inbox = isObject(b.inbox) ? b.inbox : null;
  return {
    connected: typeof b.connected === 'boolean' ? b.connected : null,
    features: normalizeFeatures(body),
    inbox: inbox && {
      total: num(inbox.total) ?? 0,
      pending: num(inbox.pending) ?? 0,
      failing: num(inbox.failing) ?? 0,
      lastReceivedAt: str(inbox.lastReceivedAt),
    },
  };
}

export function normalizeFeatures(body: unknown): FeatureStatus[] {
  return listOf(body, 'features', 'warnings').filter(isObject).map((f) => ({
    feature: str(f.feature ?? f.name) ?? '',
    status: str(f.status) ?? 'ok',
    errcode: num(f.errcode),
    api: str(f.api),
    message: str(f.message ?? f.errmsg),
    updatedAt: str(f.updatedAt),
  }));
}

export function normalizeRuns(body: unknown): SyncRun[] {
  return listOf(body, 'runs').filter(isObject).map(normalizeRun);
}

export function normalizeRun(r: Json): SyncRun {
  return {
    id: str(r.id) ?? '',
    kind: str(r.kind) ?? 'full',
    status: str(r.status) ?? 'queued',
    phase: str(r.phase),
    total: num(r.total) ?? 0,
    done: num(r.done) ?? 0,
    startedAt: str(r.startedAt ?? r.createdAt),
    finishedAt: str(r.finishedAt),
    error: str(r.error),
    report: isObject(r.report) ? r.report : {},
  };
}

export function isActiveRun(run: SyncRun): boolean {
  return run.status === 'queued' || run.status === 'running';
}

export const wecomApi = {
  connection: async (signal?: AbortSignal) => normalizeConnection(await api.get<unknown>('/api/wecom/connection', signal)),
  saveConnection: async (input: WecomConnectionInput) =>
    normalizeConnection(await api.put<unknown>('/api/wecom/connection', input)),
  test: async () => normalizeTestResult(await api.post<unknown>('/api/wecom/connection/test')),
  status: async (signal?: AbortSignal) => normalizeStatus(await api.get<unknown>('/api/wecom/status', signal)),
  runs: async (signal?: AbortSignal) => normalizeRuns(await api.get<unknown>('/api/wecom/sync', signal)),
  startSync: () => api.post<unknown>('/api/wecom/sync'),
  reconcile: () => api.post<unknown>('/api/wecom/reconcile'),
};
