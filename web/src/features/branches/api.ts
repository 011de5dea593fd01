import type {
  AdjustmentInput,
  AdjustmentView,
  BranchImportAccepted,
  BranchInput,
  BranchView,
  ChannelInput,
  ChannelView,
  Items,
  NearestAnswer,
} from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listBranches = () => api<Items<BranchView>>('/api/v1/branches');
export const saveBranch = (id: string | undefined, body: BranchInput) =>
  api<BranchView>(id ? `/api/v1/branches/${id}` : '/api/v1/branches', { method: id ? 'PUT' : 'POST', body });
export const addAdjustment = (branchId: string, body: AdjustmentInput) =>
  api<AdjustmentView>(`/api/v1/branches/${branchId}/adjustments`, { method: 'POST', body });
export const importBranches = (file: File) => api<BranchImportAccepted>('/api/v1/branches/import?partial=true', { method: 'POST', file });
export const listChannels = () => api<Items<ChannelView>>('/api/v1/channels');
export const addChannel = (body: ChannelInput) => api<ChannelView>('/api/v1/channels', { method: 'POST', body });
export const findNearestBranches = (query: string) => api<NearestAnswer>(`/api/v1/public/branches/nearest?${query}`);
