import type { AuditEventPage } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const searchAuditEvents = (query: URLSearchParams) => api<AuditEventPage>(`/api/v1/audit-events?${query}`);
