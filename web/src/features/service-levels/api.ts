import type { BaselineInput, Items, ServiceLevelBreach, ServiceLevelTarget, ThroughputReport } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const reportThroughput = (days: number) => api<ThroughputReport>(`/api/v1/throughput?days=${days}`);
export const listBreaches = () => api<Items<ServiceLevelBreach>>('/api/v1/service-levels/breaches');
export const listTargets = () => api<Items<ServiceLevelTarget>>('/api/v1/service-levels/targets');
export const setTarget = (body: ServiceLevelTarget) =>
  api<Items<ServiceLevelTarget>>('/api/v1/service-levels/targets', { method: 'PUT', body });
export const setBaseline = (body: BaselineInput) => api<void>('/api/v1/throughput/baseline', { method: 'PUT', body });
