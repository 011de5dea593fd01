import type { BranchStatus, Items, NetworkBranch, NetworkSummary } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const summarizeNetwork = () => api<NetworkSummary>('/api/v1/branch-network');
export const listNetworkBranches = (districtCode: string, status: BranchStatus) =>
  api<Items<NetworkBranch>>(`/api/v1/branch-network/branches?districtCode=${districtCode}&status=${status}`);
