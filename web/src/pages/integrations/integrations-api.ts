// The console's calls to the integrations routes: order import, API keys and the signed events webhook. Types are
// the contracts' (the routes answer with these schemas).
import type { ApiKeyCreate, ApiKeyList, CreatedApiKey, OrderImportRequest, OrderImportResult, WebhookInfo } from '@siyu/contracts';
import { api } from '../../api/client';

export type { CreatedApiKey, OrderImportResult, WebhookInfo } from '@siyu/contracts';
export { API_KEY_SCOPES } from '@siyu/contracts';

export const integrationsApi = {
  keys: (signal?: AbortSignal) => api.get<ApiKeyList>('/api/api-keys', signal),
  createKey: (body: ApiKeyCreate) => api.post<CreatedApiKey>('/api/api-keys', body),
  revokeKey: (id: string) => api.delete<void>(`/api/api-keys/${id}`),
  webhook: (signal?: AbortSignal) => api.get<WebhookInfo>('/api/events/webhook', signal),
  rotateWebhook: () => api.post<WebhookInfo>('/api/events/webhook/rotate'),
  importOrders: (body: OrderImportRequest) => api.post<OrderImportResult>('/api/orders/import', body),
};
