import type {
  BulletinEditInput,
  BulletinView,
  DirectiveInput,
  DirectiveSummary,
  DirectiveView,
  FiguresByInstitution,
  FigureTrend,
  FormOversight,
  Items,
  PeriodRow,
  ReportFormDetail,
  ReportInput,
  ReportView,
  ReviewInput,
  TimelineEntry,
} from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listDirectives = () => api<Items<DirectiveSummary>>('/api/v1/directives');
export const getDirective = (id: string) => api<DirectiveView>(`/api/v1/directives/${id}`);
export const issueDirective = (body: DirectiveInput) => api<DirectiveView>('/api/v1/directives', { method: 'POST', body });
export const acknowledgeDirective = (id: string) => api<DirectiveView>(`/api/v1/directives/${id}/acknowledge`, { method: 'POST' });

export const getReportForm = (id: string) => api<ReportFormDetail>(`/api/v1/report-forms/${id}`);
export const listPeriodRows = (formId: string) => api<Items<PeriodRow>>(`/api/v1/report-forms/${formId}/periods`);
export const templateUrl = (formId: string) => `/api/v1/report-forms/${formId}/template.xlsx`;
export const submitReport = (formId: string, period: string, body: ReportInput) =>
  api<ReportView>(`/api/v1/report-forms/${formId}/reports/${period}`, { method: 'PUT', body });
export const uploadReport = (formId: string, period: string, file: File) =>
  api<ReportView>(`/api/v1/report-forms/${formId}/reports/${period}/xlsx`, { method: 'PUT', file });
export const reopenPeriod = (formId: string, body: { orgId: string; period: string; hours: number; reason: string }) =>
  api<PeriodRow>(`/api/v1/report-forms/${formId}/reopenings`, { method: 'POST', body });

export const getReport = (id: string) => api<ReportView>(`/api/v1/reports/${id}`);
export const listReportTimeline = (id: string) => api<Items<TimelineEntry>>(`/api/v1/reports/${id}/timeline`);
export const withdrawReport = (id: string) => api<ReportView>(`/api/v1/reports/${id}/withdraw`, { method: 'POST' });
export const reviewReport = (id: string, body: ReviewInput) => api<ReportView>(`/api/v1/reports/${id}/review`, { method: 'POST', body });

export const listFormOversight = () => api<Items<FormOversight>>('/api/v1/oversight/forms');
export const OVERSIGHT_XLSX = '/api/v1/oversight/forms.xlsx';

export const listBulletins = () => api<Items<BulletinView>>('/api/v1/bulletins');
export const generateBulletin = (body: { from: string; to: string }) => api<BulletinView>('/api/v1/bulletins', { method: 'POST', body });
export const editBulletin = (id: string, body: BulletinEditInput) => api<BulletinView>(`/api/v1/bulletins/${id}`, { method: 'PUT', body });
export const publishBulletin = (id: string) => api<BulletinView>(`/api/v1/bulletins/${id}/publish`, { method: 'POST' });
export const listPublishedBulletins = () => api<Items<BulletinView>>('/api/v1/public/bulletins');
export const getPublishedBulletin = (id: string) => api<BulletinView>(`/api/v1/public/bulletins/${id}`);
export const bulletinFileUrl = (id: string, kind: 'pdf' | 'docx') => `/api/v1/public/bulletins/${id}/${kind}`;

export const readFigureTrend = (period: URLSearchParams) => api<FigureTrend>(`/api/v1/figures/trend?${period}`);
export const listFiguresByInstitution = (period: URLSearchParams) => api<FiguresByInstitution>(`/api/v1/oversight/figures?${period}`);
export const figuresXlsxUrl = (period: URLSearchParams) => `/api/v1/oversight/figures.xlsx?${period}`;
