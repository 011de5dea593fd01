import type { Items, StaffChange, StaffImportAnswer, StaffInput, StaffPostInput, StaffPostView, StaffView } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listStaff = (on: string) => api<Items<StaffView>>(`/api/v1/staff?on=${on}`);
export const addStaff = (body: StaffInput) => api<StaffView>('/api/v1/staff', { method: 'POST', body });
export const changeStaff = (id: string, body: StaffChange) => api<StaffView>(`/api/v1/staff/${id}`, { method: 'PUT', body });
export const removeStaff = (id: string, reason: string) => api<void>(`/api/v1/staff/${id}/removal`, { method: 'POST', body: { reason } });
export const importStaff = (file: File, partial: boolean) =>
  api<StaffImportAnswer>(`/api/v1/staff/import?partial=${partial}`, { method: 'POST', file });
export const staffExportUrl = (on: string) => `/api/v1/staff/export?format=xlsx&on=${on}`;
export const listOwnPosts = () => api<Items<StaffPostView>>('/api/v1/staff-posts');
export const addOwnPost = (body: StaffPostInput) => api<StaffPostView>('/api/v1/staff-posts', { method: 'POST', body });
