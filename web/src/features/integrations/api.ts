import type {
  GrantableScopes,
  Items,
  TokenCreated,
  TokenInput,
  TokenView,
  WebhookCreated,
  WebhookPinged,
  WebhookView,
} from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listTokens = () => api<Items<TokenView>>('/api/v1/api-tokens');
export const listGrantableScopes = () => api<GrantableScopes>('/api/v1/api-tokens/scopes');
export const createToken = (body: TokenInput) => api<TokenCreated>('/api/v1/api-tokens', { method: 'POST', body });
export const revokeToken = (id: string) => api<void>(`/api/v1/api-tokens/${id}`, { method: 'DELETE' });
export const listWebhooks = () => api<Items<WebhookView>>('/api/v1/webhooks');
export const createWebhook = (url: string) => api<WebhookCreated>('/api/v1/webhooks', { method: 'POST', body: { url } });
export const pingWebhook = (id: string) => api<WebhookPinged>(`/api/v1/webhooks/${id}/ping`, { method: 'POST' });
export const removeWebhook = (id: string) => api<void>(`/api/v1/webhooks/${id}`, { method: 'DELETE' });
