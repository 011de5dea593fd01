import type { Items, PasswordReset, UserInput, UserView } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listUsers = (orgId?: string) => api<Items<UserView>>(`/api/v1/users${orgId ? `?orgId=${orgId}` : ''}`);
export const createUser = (body: UserInput) => api<UserView>('/api/v1/users', { method: 'POST', body });
export const resetUserPassword = (id: string) => api<PasswordReset>(`/api/v1/users/${id}/password-reset`, { method: 'POST' });
export const setUserDisabled = (id: string, disabled: boolean) =>
  api<UserView>(`/api/v1/users/${id}`, { method: 'PATCH', body: { disabled } });
