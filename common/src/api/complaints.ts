import type { ClockEvent, ClockRule, ClockState } from '../clock/clock.ts';
import { computeClock } from '../clock/clock.ts';
import type { Calendar } from '../hours/calendar.ts';
import { addDays, fromLocal, toLocal } from '../hours/open-now.ts';

/**
 * The rules of consumer complaints (C15), from the 银行业保险业消费投诉处理管理办法 (CBIRC Order 2020
 * No. 3): the deadlines, the limits and the classification the server checks against and the
 * console shows. Periods count whole dates after the day they start (see computeClock).
 */

/** A decision within 15 days of receipt; 30 for a complex case; 30 more with a senior manager's approval (Art. 18). */
export const COMPLAINT_CLOCK: ClockRule = { unit: 'calendar_days', ladder: [15, 30, 60] };
/** The regulator forwards a complaint to the institution within 7 working days of receipt (Art. 33). */
export const FORWARDING_CLOCK: ClockRule = { unit: 'working_days', ladder: [7] };
/** A review (核查) is asked within 30 days of the decision, and decided within 30 (Art. 20). */
export const REVIEW_REQUEST_DAYS = 30;
export const REVIEW_CLOCK: ClockRule = { unit: 'calendar_days', ladder: [30] };
/** A joint complaint names at most 5 representatives (Art. 12). */
export const MAX_REPRESENTATIVES = 5;
/** A complaint brought in person by this many people or more is major (Art. 29). */
export const MAJOR_COMPLAINT_PEOPLE = 20;

/** Why a complaint's clock stops running for a while (Art. 18 and Art. 23). */
export const COMPLAINT_PAUSE_REASONS = ['appraisal', 'mediation'] as const;
export type ComplaintPauseReason = (typeof COMPLAINT_PAUSE_REASONS)[number];
export const COMPLAINT_PAUSE_LABELS: Record<ComplaintPauseReason, { zh: string; en: string }> = {
  appraisal: { zh: '鉴定、检测、评估', en: 'Appraisal, testing or valuation' },
  mediation: { zh: '双方同意调解', en: 'Mediation agreed by both sides' },
};

/** How a complaint arrived. */
export const COMPLAINT_CHANNELS = ['online', 'phone', 'video', 'wechat', 'in_person', 'regulator'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_CHANNEL_LABELS: Record<ComplaintChannel, { zh: string; en: string }> = {
  online: { zh: '网上投诉', en: 'Online' },
  phone: { zh: '电话', en: 'Telephone' },
  video: { zh: '视频', en: 'Video' },
  wechat: { zh: '微信公众号', en: 'WeChat' },
  in_person: { zh: '营业场所', en: 'In person' },
  regulator: { zh: '监管转办', en: 'Forwarded by the regulator' },
};

/**
 * Where a complaint's clock stands: the decision's clock from the events of the case (start at
 * receipt, pause and resume, restart on new facts, extend, stop at the decision or withdrawal).
 */
export function computeComplaintClock(events: readonly ClockEvent[], calendar: Calendar, now: Date): ClockState {
  return computeClock(COMPLAINT_CLOCK, events, calendar, now);
}

/** When the regulator must have forwarded a complaint it received (7 working days, holidays and 调休 counted as the State Council set them). */
export function computeForwardingDue(receivedAt: Date, calendar: Calendar): Date {
  return computeClock(FORWARDING_CLOCK, [{ type: 'start', at: receivedAt }], calendar, receivedAt).dueAt as Date;
}

/** The last moment a review may be asked for: the midnight after the 30th day following the decision. */
export function computeReviewWindowEnd(decidedAt: Date): Date {
  return fromLocal(addDays(toLocal(decidedAt).date, REVIEW_REQUEST_DAYS + 1), 0);
}
