import type {
  AttachmentKind,
  AttachmentView,
  CitizenSession,
  CitizenSignInInput,
  Items,
  RevealAnswer,
  RevealInput,
  SmsCodeInput,
} from '@shouhu/common';
import { api } from '../api/client.ts';

export const revealField = (body: RevealInput) => api<RevealAnswer>('/api/v1/pii/reveal', { method: 'POST', body });
export const sendSmsCode = (body: SmsCodeInput) => api<void>('/api/v1/public/sms-codes', { method: 'POST', body });
export const verifySmsCode = (body: CitizenSignInInput) => api<CitizenSession>('/api/v1/public/sessions', { method: 'POST', body });

export const listAttachments = (recordType: string, recordId: string) =>
  api<Items<AttachmentView>>(`/api/v1/attachments?${new URLSearchParams({ recordType, recordId })}`);
export const addAttachment = (recordType: string, recordId: string, kind: AttachmentKind, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<AttachmentView>(`/api/v1/attachments?${new URLSearchParams({ recordType, recordId, kind })}`, { method: 'POST', form });
};
/** Where a file downloads from (the session cookie is enough for a GET). */
export const attachmentUrl = (id: string) => `/api/v1/attachments/${id}`;
