// The console's calls to the integrations routes: order import, API keys and the signed events webhook.
import { api } from '../../api/client';

export type ApiKeyRow = { id: string; name: string; prefix: string; scopes: string[]; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
export type CreatedApiKey = { id: string; name: string; prefix: string; scopes: string[]; createdAt: string; key: string };
export type WebhookInfo = { path: string; secret: string };
export type OrderImportRowError = { row: number; code: string; message: string };
export type OrderImportResult = { orders: number; imported: number; duplicates: number; errors: OrderImportRowError[] };

export const API_KEY_SCOPES = ['events:write'] as const;

export const integrationsApi = {
  keys: (signal?: AbortSignal) => api.get<{ items: ApiKeyRow[] }>('/api/api-keys', signal),
  createKey: (body: { name: string; scopes: string[] }) => api.post<CreatedApiKey>('/api/api-keys', body),
  revokeKey: (id: string) => api.delete<void>(`/api/api-keys/${id}`),
  webhook: (signal?: AbortSignal) => api.get<WebhookInfo>('/api/events/webhook', signal),
  rotateWebhook: () => api.post<WebhookInfo>('/api/events/webhook/rotate'),
  importOrders: (body: { format: 'csv' | 'xlsx'; content: string }) => api.post<OrderImportResult>('/api/orders/import', body),
};
