import type { Items, OutboxItem, TrackAnswer } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const trackReference = (reference: string, mobile: string) =>
  api<TrackAnswer>(`/api/v1/public/track/${encodeURIComponent(reference)}?mobile=${encodeURIComponent(mobile)}`);
export const listOutbox = () => api<Items<OutboxItem>>('/api/v1/dev/outbox');
export const listMyRequests = () => api<Items<TrackAnswer>>('/api/v1/public/my-requests');
