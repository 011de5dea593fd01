import type { Items, NoticeSummary, NoticeView } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const getDraft = () => api<NoticeView>('/api/v1/notices/draft');
export const compileDraft = (asOf: string) => api<NoticeView>('/api/v1/notices/draft', { method: 'POST', body: { asOf } });
export const publishDraft = () => api<NoticeView>('/api/v1/notices/draft/publish', { method: 'POST' });
export const listPublishedNotices = () => api<Items<NoticeSummary>>('/api/v1/public/notices');
export const getPublishedNotice = (id: string) => api<NoticeView>(`/api/v1/public/notices/${id}`);
