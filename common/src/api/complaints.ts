import { type Static, Type } from 'typebox';
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

/** Where a complaint stands. */
export const COMPLAINT_STATUSES = ['handling', 'paused', 'decided', 'withdrawn'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, { zh: string; en: string }> = {
  handling: { zh: '处理中', en: 'Being handled' },
  paused: { zh: '中止计时', en: 'Clock paused' },
  decided: { zh: '已作出处理决定', en: 'Decided' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** The remedies a decision tells the complainant of (Art. 19). */
export const COMPLAINT_REMEDIES = ['review', 'mediation', 'arbitration', 'litigation'] as const;
export const COMPLAINT_REMEDY_LABELS: Record<(typeof COMPLAINT_REMEDIES)[number], { zh: string; en: string }> = {
  review: { zh: '申请核查', en: 'Ask for a review' },
  mediation: { zh: '申请调解', en: 'Mediation' },
  arbitration: { zh: '申请仲裁', en: 'Arbitration' },
  litigation: { zh: '提起诉讼', en: 'Litigation' },
};

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

/** A complaint as received (Art. 13): who complains, against whom, what they claim and why. */
export const ComplaintInput = Type.Object(
  {
    orgId: Type.String({ format: 'uuid', description: 'the institution complained against' }),
    channel: Type.Optional(
      Type.Enum(['phone', 'video', 'wechat', 'in_person'], { description: 'set by staff; online for the public site' }),
    ),
    name: Text(50),
    mobile: Type.String({ minLength: 11, maxLength: 20 }),
    residentId: Type.Optional(Type.String({ minLength: 15, maxLength: 18 })),
    /** A joint complaint's representatives besides the complainant (Art. 12: at most 5 in all). */
    representatives: Type.Optional(Type.Array(Text(50), { maxItems: MAX_REPRESENTATIVES - 1 })),
    /** The staff member and unit complained about, when there are. */
    staffNamed: Type.Optional(Text(50)),
    unitNamed: Type.Optional(Text(100)),
    claim: Text(500),
    facts: Text(4000),
    grounds: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ComplaintInput = Static<typeof ComplaintInput>;
export const ComplaintCreated = Type.Object({ id: Type.String(), reference: Type.String(), dueAt: Type.String() });
export type ComplaintCreated = Static<typeof ComplaintCreated>;

export const ComplaintExtensionInput = Type.Object(
  {
    reason: Type.String({ minLength: 2, maxLength: 500, description: 'why the case is complex; the complainant is told' }),
    approvedBy: Type.Optional(
      Type.String({ minLength: 2, maxLength: 50, description: 'the senior manager approving the second extension' }),
    ),
  },
  { additionalProperties: false },
);
export type ComplaintExtensionInput = Static<typeof ComplaintExtensionInput>;
export const ComplaintPauseInput = Type.Object(
  { reason: Type.Enum([...COMPLAINT_PAUSE_REASONS]), note: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);
export type ComplaintPauseInput = Static<typeof ComplaintPauseInput>;
/** The decision (Art. 19): what was verified, the grounds and reasons, and the remedies open. */
export const ComplaintDecisionInput = Type.Object(
  {
    verified: Type.String({ minLength: 2, maxLength: 4000 }),
    grounds: Type.String({ minLength: 2, maxLength: 4000 }),
    remedies: Type.Array(Type.Enum([...COMPLAINT_REMEDIES]), { minItems: 1, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type ComplaintDecisionInput = Static<typeof ComplaintDecisionInput>;

export const ComplaintView = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  orgId: Type.String(),
  channel: Type.String(),
  status: Type.Enum([...COMPLAINT_STATUSES]),
  /** Masked; the claim and facts are the case itself and shown to its handlers. */
  name: Type.String(),
  mobile: Type.String(),
  people: Type.Integer(),
  staffNamed: Type.Union([Type.String(), Type.Null()]),
  unitNamed: Type.Union([Type.String(), Type.Null()]),
  claim: Type.String(),
  facts: Type.String(),
  grounds: Type.String(),
  receivedAt: Type.String(),
  /** The decision's clock: due (null while paused), the limit in days and days left (negative once late). */
  dueAt: Type.Union([Type.String(), Type.Null()]),
  limit: Type.Integer(),
  remaining: Type.Integer(),
  breached: Type.Boolean(),
  decision: Type.Union([Type.Object({ ...ComplaintDecisionInput.properties, decidedAt: Type.String() }), Type.Null()]),
});
export type ComplaintView = Static<typeof ComplaintView>;
