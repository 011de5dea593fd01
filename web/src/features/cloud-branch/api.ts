import type { Items, JoinQueueInput, QueuePlace, VideoIdentityInput, VideoOutcomeInput, VideoSessionView } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listVideoQueue = (service: string) => api<Items<VideoSessionView>>(`/api/v1/video-queue?service=${service}`);
export const takeNextCustomer = (service: string) =>
  api<VideoSessionView>('/api/v1/video-queue/next', { method: 'POST', body: { service } });
export const checkVideoIdentity = (id: string, body: VideoIdentityInput) =>
  api<VideoSessionView>(`/api/v1/video-sessions/${id}/identity-check`, { method: 'POST', body });
export const closeVideoSession = (id: string, body: VideoOutcomeInput) =>
  api<VideoSessionView>(`/api/v1/video-sessions/${id}/outcome`, { method: 'POST', body });
export const listMyPlaces = () => api<Items<QueuePlace>>('/api/v1/public/video-sessions');
export const joinVideoQueue = (body: JoinQueueInput) => api<QueuePlace>('/api/v1/public/video-queue', { method: 'POST', body });
export const leaveVideoQueue = (id: string) => api<void>(`/api/v1/public/video-sessions/${id}`, { method: 'DELETE' });
