import type {
  AssignableStaff,
  ContactRevealInput,
  HomeVisitContact,
  HomeVisitCreated,
  HomeVisitInput,
  HomeVisitStatus,
  HomeVisitView,
  IdentityCheckInput,
  Items,
  OutcomeInput,
  ScheduleInput,
  TimelineEntry,
} from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listHomeVisits = (status?: HomeVisitStatus) =>
  api<Items<HomeVisitView>>(`/api/v1/home-visits${status ? `?status=${status}` : ''}`);
export const getHomeVisit = (id: string) => api<HomeVisitView>(`/api/v1/home-visits/${id}`);
export const listAssignableStaff = (id: string) => api<Items<AssignableStaff>>(`/api/v1/home-visits/${id}/assignable-staff`);
/** Raised by staff after a phone call. */
export const raiseHomeVisit = (body: HomeVisitInput) => api<HomeVisitCreated>('/api/v1/home-visits', { method: 'POST', body });
/** Asked for by a verified citizen. */
export const requestHomeVisit = (body: HomeVisitInput) => api<HomeVisitCreated>('/api/v1/public/home-visits', { method: 'POST', body });
export const acceptHomeVisit = (id: string) => api<HomeVisitView>(`/api/v1/home-visits/${id}/acceptance`, { method: 'POST' });
export const checkHomeVisitIdentity = (id: string, body: IdentityCheckInput) =>
  api<HomeVisitView>(`/api/v1/home-visits/${id}/identity-check`, { method: 'POST', body });
export const scheduleHomeVisit = (id: string, body: ScheduleInput) =>
  api<HomeVisitView>(`/api/v1/home-visits/${id}/schedule`, { method: 'POST', body });
export const closeHomeVisit = (id: string, body: OutcomeInput) =>
  api<HomeVisitView>(`/api/v1/home-visits/${id}/outcome`, { method: 'POST', body });
export const listHomeVisitTimeline = (id: string) => api<Items<TimelineEntry>>(`/api/v1/home-visits/${id}/timeline`);
/** The customer's name, mobile and full address: one click for the staff member sent, a reason for others (audited). */
export const revealHomeVisitContact = (id: string, body: ContactRevealInput) =>
  api<HomeVisitContact>(`/api/v1/home-visits/${id}/contact`, { method: 'POST', body });
