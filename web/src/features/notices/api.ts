import type { Items, NoticePublishInput, NoticeSummary, NoticeView } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const getDraft = () => api<NoticeView>('/api/v1/notices/draft');
export const compileDraft = (asOf: string) => api<NoticeView>('/api/v1/notices/draft', { method: 'POST', body: { asOf } });
export const publishDraft = (body: NoticePublishInput) => api<NoticeView>('/api/v1/notices/draft/publish', { method: 'POST', body });
export const listPublishedNotices = () => api<Items<NoticeSummary>>('/api/v1/public/notices');
export const getPublishedNotice = (id: string) => api<NoticeView>(`/api/v1/public/notices/${id}`);
