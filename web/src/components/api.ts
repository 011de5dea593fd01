import type { CitizenSession, CitizenSignInInput, RevealAnswer, RevealInput, SmsCodeInput } from '@shouhu/common';
import { api } from '../api/client.ts';

export const revealField = (body: RevealInput) => api<RevealAnswer>('/api/v1/pii/reveal', { method: 'POST', body });
export const sendSmsCode = (body: SmsCodeInput) => api<void>('/api/v1/public/sms-codes', { method: 'POST', body });
export const verifySmsCode = (body: CitizenSignInInput) => api<CitizenSession>('/api/v1/public/sessions', { method: 'POST', body });
