import type {
  Items,
  JoinQueueInput,
  QueuePlace,
  TimelineEntry,
  VideoContact,
  VideoIdentityInput,
  VideoOutcomeInput,
  VideoSessionView,
} from '@shouhu/common';
import { api } from '../../api/client.ts';

/** Every queue of the institution: waiting, booked and being served. */
export const listVideoQueue = () => api<Items<VideoSessionView>>('/api/v1/video-queue');
/** The next customer of one service, or of all when none is named (who waited longest). */
export const takeNextCustomer = (service?: string) =>
  api<VideoSessionView>('/api/v1/video-queue/next', { method: 'POST', body: service ? { service } : {} });
export const checkVideoIdentity = (id: string, body: VideoIdentityInput) =>
  api<VideoSessionView>(`/api/v1/video-sessions/${id}/identity-check`, { method: 'POST', body });
export const closeVideoSession = (id: string, body: VideoOutcomeInput) =>
  api<VideoSessionView>(`/api/v1/video-sessions/${id}/outcome`, { method: 'POST', body });
export const listVideoTimeline = (id: string) => api<Items<TimelineEntry>>(`/api/v1/video-sessions/${id}/timeline`);
/** The customer's mobile for the agent serving them (audited). */
export const revealVideoContact = (id: string) => api<VideoContact>(`/api/v1/video-sessions/${id}/contact`, { method: 'POST', body: {} });
export const listMyPlaces = () => api<Items<QueuePlace>>('/api/v1/public/video-sessions');
export const joinVideoQueue = (body: JoinQueueInput) => api<QueuePlace>('/api/v1/public/video-queue', { method: 'POST', body });
export const leaveVideoQueue = (id: string) => api<void>(`/api/v1/public/video-sessions/${id}`, { method: 'DELETE' });
