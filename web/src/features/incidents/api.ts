import type {
  IncidentDeadline,
  IncidentFollowUpInput,
  IncidentInput,
  IncidentProposal,
  IncidentSummary,
  IncidentView,
  Items,
  TimelineEntry,
} from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listIncidents = () => api<Items<IncidentSummary>>('/api/v1/incidents');
export const listIncidentProposals = () => api<Items<IncidentProposal>>('/api/v1/incidents/proposals');
export const getIncident = (id: string) => api<IncidentView>(`/api/v1/incidents/${id}`);
export const reportIncident = (body: IncidentInput) => api<IncidentView>('/api/v1/incidents', { method: 'POST', body });
export const fileIncidentReport = (id: string, body: IncidentFollowUpInput) =>
  api<IncidentView>(`/api/v1/incidents/${id}/reports`, { method: 'POST', body });
export const listIncidentTimeline = (id: string) => api<Items<TimelineEntry>>(`/api/v1/incidents/${id}/timeline`);
export const listIncidentDeadlines = () => api<Items<IncidentDeadline>>('/api/v1/incidents/deadlines');
export const setIncidentDeadline = (body: IncidentDeadline) =>
  api<Items<IncidentDeadline>>('/api/v1/incidents/deadlines', { method: 'PUT', body });
