import type { BranchFlag, Items, ZoneChange, ZoneImportAnswer, ZoneInput, ZoneView } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listZones = (on: string) => api<Items<ZoneView>>(`/api/v1/zones?on=${on}`);
export const listBranchFlags = (on?: string) => api<Items<BranchFlag>>(`/api/v1/branch-flags${on ? `?on=${on}` : ''}`);
export const createZone = (body: ZoneInput) => api<Pick<ZoneImportAnswer, 'imported'>>('/api/v1/zones', { method: 'POST', body });
export const importZones = (file: File, partial: boolean) =>
  api<ZoneImportAnswer>(`/api/v1/zones/import?partial=${partial}`, { method: 'POST', file });
export const changeZone = (id: string, body: ZoneChange) => api<ZoneView>(`/api/v1/zones/${id}`, { method: 'PUT', body });
export const withdrawZone = (id: string, reason: string) =>
  api<void>(`/api/v1/zones/${id}/withdrawal`, { method: 'POST', body: { reason } });
