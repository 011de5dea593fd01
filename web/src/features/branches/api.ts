import type {
  AdjustmentChange,
  AdjustmentInput,
  AdjustmentView,
  BranchImportAccepted,
  BranchInput,
  BranchListItem,
  BranchView,
  ChannelChange,
  ChannelInput,
  ChannelView,
  Items,
  NearestAnswer,
} from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listBranches = () => api<Items<BranchListItem>>('/api/v1/branches');
export const saveBranch = (id: string | undefined, body: BranchInput) =>
  api<BranchView>(id ? `/api/v1/branches/${id}` : '/api/v1/branches', { method: id ? 'PUT' : 'POST', body });
export const addAdjustment = (branchId: string, body: AdjustmentInput) =>
  api<AdjustmentView>(`/api/v1/branches/${branchId}/adjustments`, { method: 'POST', body });
export const importBranches = (file: File) => api<BranchImportAccepted>('/api/v1/branches/import?partial=true', { method: 'POST', file });
export const listChannels = () => api<Items<ChannelView>>('/api/v1/channels');
export const addChannel = (body: ChannelInput) => api<ChannelView>('/api/v1/channels', { method: 'POST', body });
export const findNearestBranches = (query: string) => api<NearestAnswer>(`/api/v1/public/branches/nearest?${query}`);
export const listAdjustments = (branchId: string) => api<Items<AdjustmentView>>(`/api/v1/branches/${branchId}/adjustments`);
export const changeAdjustment = (branchId: string, id: string, body: AdjustmentChange) =>
  api<AdjustmentView>(`/api/v1/branches/${branchId}/adjustments/${id}`, { method: 'PUT', body });
export const withdrawAdjustment = (branchId: string, id: string, reason: string) =>
  api<AdjustmentView>(`/api/v1/branches/${branchId}/adjustments/${id}/withdrawal`, { method: 'POST', body: { reason } });
export const changeChannel = (id: string, body: ChannelChange) => api<ChannelView>(`/api/v1/channels/${id}`, { method: 'PUT', body });
export const withdrawChannel = (id: string, reason: string) =>
  api<void>(`/api/v1/channels/${id}/withdrawal`, { method: 'POST', body: { reason } });
