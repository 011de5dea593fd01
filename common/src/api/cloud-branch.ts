import { type Static, Type } from 'typebox';
import { BRANCH_SERVICES } from './branches.ts';

/**
 * A customer's place with the cloud branch (云网点, C5): booked for a later slot, waiting in the
 * queue, being served by an agent on video, then closed.
 */
export const VIDEO_SESSION_STATUSES = ['booked', 'waiting', 'serving', 'served', 'not_served', 'no_show', 'left'] as const;
export type VideoSessionStatus = (typeof VIDEO_SESSION_STATUSES)[number];
export const VIDEO_OUTCOMES = ['served', 'not_served', 'no_show'] as const;
export type VideoOutcome = (typeof VIDEO_OUTCOMES)[number];
export const OPEN_VIDEO_STATUSES: readonly VideoSessionStatus[] = ['booked', 'waiting', 'serving'];
/** A session's steps, by status: the server takes a step only from these, the console offers only these. */
export const VIDEO_STEPS = ['take', 'check_identity', 'close'] as const;
export type VideoStep = (typeof VIDEO_STEPS)[number];
export const VIDEO_STEP_FROM: Record<VideoStep, readonly VideoSessionStatus[]> = {
  take: ['booked', 'waiting'],
  check_identity: ['serving'],
  close: ['serving'],
};
export const listVideoSteps = (status: VideoSessionStatus): VideoStep[] => VIDEO_STEPS.filter((s) => VIDEO_STEP_FROM[s].includes(status));
export const VIDEO_STATUS_LABELS: Record<VideoSessionStatus, { zh: string; en: string }> = {
  booked: { zh: '已预约', en: 'Booked' },
  waiting: { zh: '排队中', en: 'Waiting' },
  serving: { zh: '视频办理中', en: 'On video with an agent' },
  served: { zh: '已办结', en: 'Served' },
  not_served: { zh: '未能办理', en: 'Could not be served' },
  no_show: { zh: '未接入', en: 'Did not join' },
  left: { zh: '已离开队列', en: 'Left the queue' },
};

/** Bookings: half-hour slots, up to a week ahead. */
export const BOOKING_SLOT_MINUTES = 30;
export const BOOKING_DAYS = 7;
// The slots offered for choosing: the working day in Shanghai.
const OFFERED_HOURS = { from: 9, to: 17 };

/** Whether an instant is a slot that can be booked now: on a half hour, ahead, within the week. */
export function isBookableSlot(iso: string, now = Date.now()): boolean {
  const t = Date.parse(iso);
  return t % (BOOKING_SLOT_MINUTES * 60_000) === 0 && t > now && t <= now + BOOKING_DAYS * 86_400_000;
}

/** The next bookable slots in working hours, at least half an hour from now, for choosing from. */
export function listBookableSlots(count: number, now = Date.now()): string[] {
  const step = BOOKING_SLOT_MINUTES * 60_000;
  const first = Math.ceil((now + step) / step) * step;
  return Array.from({ length: count }, (_, i) => new Date(first + i * step).toISOString()).filter((iso) => {
    const hour = new Date(Date.parse(iso) + 8 * 3_600_000).getUTCHours();
    return isBookableSlot(iso, now) && hour >= OFFERED_HOURS.from && hour < OFFERED_HOURS.to;
  });
}

export const JoinQueueInput = Type.Object(
  {
    orgId: Type.String({ format: 'uuid' }),
    service: Type.Enum([...BRANCH_SERVICES]),
    mobile: Type.String({ minLength: 1, maxLength: 20, description: 'a mainland mobile number (checked: length, prefix)' }),
    slotAt: Type.Optional(Type.String({ format: 'date-time', description: 'a later half-hour slot instead of the queue now' })),
  },
  { additionalProperties: false },
);
export type JoinQueueInput = Static<typeof JoinQueueInput>;

/** What the customer sees, live: their place, the estimated wait, and the room link once an agent takes them. */
export const QueuePlace = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  institution: Type.String(),
  service: Type.String(),
  status: Type.Enum([...VIDEO_SESSION_STATUSES]),
  position: Type.Union([Type.Integer(), Type.Null()]),
  waitMinutes: Type.Union([Type.Integer(), Type.Null()]),
  slotAt: Type.Union([Type.String(), Type.Null()]),
  roomUrl: Type.Union([Type.String(), Type.Null()]),
});
export type QueuePlace = Static<typeof QueuePlace>;

/** A session as the agent sees it: personal data masked. */
export const VideoSessionView = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  orgId: Type.String(),
  service: Type.String(),
  mobile: Type.String(),
  status: Type.Enum([...VIDEO_SESSION_STATUSES]),
  joinedAt: Type.String(),
  slotAt: Type.Union([Type.String(), Type.Null()]),
  agentUserId: Type.Union([Type.String(), Type.Null()]),
  takenAt: Type.Union([Type.String(), Type.Null()]),
  roomUrl: Type.Union([Type.String(), Type.Null()]),
  identityCheckedAt: Type.Union([Type.String(), Type.Null()]),
  residentId: Type.Union([Type.String(), Type.Null()]),
  /** Against the institution's customer record: true or false, or null when it has none for this ID. */
  nameMatched: Type.Union([Type.Boolean(), Type.Null()]),
  livenessPassed: Type.Union([Type.Boolean(), Type.Null()]),
  outcomeNote: Type.Union([Type.String(), Type.Null()]),
  nextSteps: Type.Array(Type.Enum([...VIDEO_STEPS]), { description: 'the steps the session can take now' }),
});
export type VideoSessionView = Static<typeof VideoSessionView>;

export const VideoIdentityInput = Type.Object(
  {
    residentId: Type.String({ minLength: 15, maxLength: 18 }),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    livenessPassed: Type.Boolean({ description: 'the agent saw the customer turn, blink and read the digits shown' }),
  },
  { additionalProperties: false },
);
export type VideoIdentityInput = Static<typeof VideoIdentityInput>;

export const VideoOutcomeInput = Type.Object(
  { outcome: Type.Enum([...VIDEO_OUTCOMES]), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type VideoOutcomeInput = Static<typeof VideoOutcomeInput>;

export const CustomerRecordInput = Type.Object(
  { residentId: Type.String({ minLength: 15, maxLength: 18 }), name: Type.String({ minLength: 1, maxLength: 50 }) },
  { additionalProperties: false },
);

/** The customer's mobile for the agent serving them, to call when the session has no video room. */
export const VideoContact = Type.Object({ mobile: Type.String() });
export type VideoContact = Static<typeof VideoContact>;
