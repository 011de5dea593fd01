import type { InboxPage, Items, NotificationPreference, Programme } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listInbox = (query: { unread?: boolean; limit: number; offset: number }) =>
  api<InboxPage>(
    `/api/v1/inbox?${new URLSearchParams({ limit: String(query.limit), offset: String(query.offset), ...(query.unread ? { unread: 'true' } : {}) })}`,
  );
export const markInboxRead = (id: string) => api<void>(`/api/v1/inbox/${id}/read`, { method: 'POST' });
export const markAllInboxRead = () => api<void>('/api/v1/inbox/read-all', { method: 'POST' });
export const listPreferences = () => api<Items<NotificationPreference>>('/api/v1/inbox/preferences');
export const setPreferences = (items: NotificationPreference[]) =>
  api<Items<NotificationPreference>>('/api/v1/inbox/preferences', { method: 'PUT', body: { items } });
export const listProgrammes = () => api<Items<Programme>>('/api/v1/programmes');
