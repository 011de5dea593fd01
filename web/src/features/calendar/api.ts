import type { HolidayOverride, HolidayOverrideInput, Items, MissingYears, NoticeDay } from '@shouhu/common';
import { api } from '../../api/client.ts';

export const listHolidayOverrides = () => api<Items<HolidayOverride>>('/api/v1/holiday-overrides');
export const listMissingYears = () => api<MissingYears>('/api/v1/calendar/missing-years');
export const setHolidayOverride = (date: string, body: HolidayOverrideInput) =>
  api<HolidayOverride>(`/api/v1/holiday-overrides/${date}`, { method: 'PUT', body });
export const removeHolidayOverride = (date: string, reason: string) =>
  api<void>(`/api/v1/holiday-overrides/${date}?reason=${encodeURIComponent(reason)}`, { method: 'DELETE' });
/** A whole year from the State Council's notice, pasted as published. */
export const enterHolidayYear = (year: number, text: string) =>
  api<Items<NoticeDay>>(`/api/v1/calendar/years/${year}`, { method: 'PUT', body: { text } });
