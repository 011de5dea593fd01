import type {
  CodeInput,
  Me,
  PasswordChangeInput,
  PasswordInput,
  RecoveryCodes,
  SignInAnswer,
  SignInInput,
  TotpEnrolment,
} from '@shouhu/common';
import { api } from '../../api/client.ts';

export const getMe = () => api<Me>('/api/v1/auth/me');
export const signIn = (body: SignInInput) => api<SignInAnswer>('/api/v1/auth/sign-in', { method: 'POST', body });
export const passSecondFactor = (body: CodeInput) => api<void>('/api/v1/auth/second-factor', { method: 'POST', body });
export const startTotpEnrolment = (body: PasswordInput) => api<TotpEnrolment>('/api/v1/auth/totp/enrolment', { method: 'POST', body });
export const confirmTotpEnrolment = (body: CodeInput) => api<RecoveryCodes>('/api/v1/auth/totp/confirmation', { method: 'POST', body });
export const changePassword = (body: PasswordChangeInput) => api<void>('/api/v1/auth/password', { method: 'POST', body });
export const signOut = (everywhere: boolean) =>
  api<void>(everywhere ? '/api/v1/auth/sign-out-everywhere' : '/api/v1/auth/sign-out', { method: 'POST' });
