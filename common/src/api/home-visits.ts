import { type Static, Type } from 'typebox';
import { BRANCH_SERVICES } from './branches.ts';

/** Why the customer cannot come to a branch (C3). */
export const HOME_VISIT_REASONS = ['elderly', 'disabled', 'ill', 'quarantined', 'sealed_compound'] as const;
export type HomeVisitReason = (typeof HOME_VISIT_REASONS)[number];
export const HOME_VISIT_REASON_LABELS: Record<HomeVisitReason, { zh: string; en: string }> = {
  elderly: { zh: '高龄', en: 'Elderly' },
  disabled: { zh: '残障', en: 'Disabled' },
  ill: { zh: '患病', en: 'Ill' },
  quarantined: { zh: '居家隔离', en: 'In quarantine' },
  sealed_compound: { zh: '所在小区封控', en: 'Compound sealed' },
};

/** A request's life: asked, accepted by the institution, scheduled with a staff member, and an outcome. */
export const HOME_VISIT_STATUSES = ['requested', 'accepted', 'scheduled', 'done', 'partly_done', 'refused', 'unreachable'] as const;
export type HomeVisitStatus = (typeof HOME_VISIT_STATUSES)[number];
export const HOME_VISIT_OUTCOMES = ['done', 'partly_done', 'refused', 'unreachable'] as const;
export type HomeVisitOutcome = (typeof HOME_VISIT_OUTCOMES)[number];
export const HOME_VISIT_STATUS_LABELS: Record<HomeVisitStatus, { zh: string; en: string }> = {
  requested: { zh: '已提交，等待受理', en: 'Received, awaiting the institution' },
  accepted: { zh: '已受理，正在安排人员', en: 'Accepted, arranging a visit' },
  scheduled: { zh: '已安排上门', en: 'Visit scheduled' },
  done: { zh: '已办结', en: 'Done' },
  partly_done: { zh: '部分办结', en: 'Partly done' },
  refused: { zh: '未能办理', en: 'Could not be served' },
  unreachable: { zh: '未能联系上您', en: 'Could not reach you' },
};
/** Statuses in which the request is still open. */
export const OPEN_HOME_VISIT_STATUSES: readonly HomeVisitStatus[] = ['requested', 'accepted', 'scheduled'];
/**
 * The steps a work order can take next, by status: the server takes a step only from these
 * statuses, and the console offers only these steps.
 */
export const HOME_VISIT_STEPS = ['accept', 'check_identity', 'schedule', 'close'] as const;
export type HomeVisitStep = (typeof HOME_VISIT_STEPS)[number];
export const HOME_VISIT_STEP_FROM: Record<HomeVisitStep, readonly HomeVisitStatus[]> = {
  accept: ['requested'],
  check_identity: OPEN_HOME_VISIT_STATUSES,
  schedule: ['accepted', 'scheduled'],
  close: OPEN_HOME_VISIT_STATUSES,
};
export const listHomeVisitSteps = (status: HomeVisitStatus): HomeVisitStep[] =>
  HOME_VISIT_STEPS.filter((step) => HOME_VISIT_STEP_FROM[step].includes(status));
/** The outcomes open from a status: a visit not yet scheduled can only end as "could not reach you". */
export const listHomeVisitOutcomes = (status: HomeVisitStatus): HomeVisitOutcome[] =>
  status === 'scheduled' ? [...HOME_VISIT_OUTCOMES] : OPEN_HOME_VISIT_STATUSES.includes(status) ? ['unreachable'] : [];

/** Documents staff may have seen when checking identity at the door. */
export const IDENTITY_DOCUMENTS = ['resident_id_card', 'household_register', 'passport', 'bank_card', 'proxy_authorization'] as const;

export const TimeWindow = Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) });
export type TimeWindow = Static<typeof TimeWindow>;

export const HomeVisitInput = Type.Object(
  {
    orgId: Type.String({ format: 'uuid', description: 'the institution asked to visit' }),
    service: Type.Enum([...BRANCH_SERVICES]),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    mobile: Type.String({ minLength: 1, maxLength: 20, description: 'a mainland mobile number (checked: length, prefix)' }),
    streetCode: Type.String({ pattern: '^3101\\d{5}$', description: 'street or town division code (9 digits)' }),
    committeeCode: Type.Optional(
      Type.String({ pattern: '^3101\\d{8}$', description: 'the committee (居委会、村委会) of the compound, in that street' }),
    ),
    compound: Type.String({ minLength: 1, maxLength: 100, description: 'compound (小区) name' }),
    address: Type.String({ minLength: 1, maxLength: 200, description: 'building, unit and room' }),
    reason: Type.Enum([...HOME_VISIT_REASONS]),
    windows: Type.Array(TimeWindow, { minItems: 1, maxItems: 5, description: 'preferred time windows' }),
  },
  { additionalProperties: false },
);
export type HomeVisitInput = Static<typeof HomeVisitInput>;

/** A request as staff see it: personal data masked (reveal with a reason, audited). */
export const HomeVisitView = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  orgId: Type.String(),
  service: Type.String(),
  name: Type.String(),
  mobile: Type.String(),
  districtCode: Type.String(),
  streetCode: Type.String(),
  committeeCode: Type.Union([Type.String(), Type.Null()]),
  compound: Type.String(),
  address: Type.String(),
  reason: Type.Enum([...HOME_VISIT_REASONS]),
  windows: Type.Array(TimeWindow),
  status: Type.Enum([...HOME_VISIT_STATUSES]),
  raisedBy: Type.Enum(['citizen', 'staff']),
  identityCheckedAt: Type.Union([Type.String(), Type.Null()]),
  residentId: Type.Union([Type.String(), Type.Null()]),
  documents: Type.Array(Type.String()),
  assignedUserId: Type.Union([Type.String(), Type.Null()]),
  scheduledAt: Type.Union([Type.String(), Type.Null()]),
  outcomeNote: Type.Union([Type.String(), Type.Null()]),
  /** Why it was closed before the scheduled time, when it was. */
  earlyReason: Type.Union([Type.String(), Type.Null()]),
  nextSteps: Type.Array(Type.Enum([...HOME_VISIT_STEPS]), { description: 'the steps the work order can take now' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type HomeVisitView = Static<typeof HomeVisitView>;

export const IdentityCheckInput = Type.Object(
  {
    residentId: Type.String({ minLength: 15, maxLength: 18 }),
    name: Type.String({ minLength: 1, maxLength: 50 }),
    documents: Type.Array(Type.Enum([...IDENTITY_DOCUMENTS]), { minItems: 1, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type IdentityCheckInput = Static<typeof IdentityCheckInput>;

export const ScheduleInput = Type.Object(
  { userId: Type.String({ format: 'uuid' }), at: Type.String({ format: 'date-time' }) },
  { additionalProperties: false },
);
export type ScheduleInput = Static<typeof ScheduleInput>;
export const OutcomeInput = Type.Object(
  {
    outcome: Type.Enum([...HOME_VISIT_OUTCOMES]),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    earlyReason: Type.Optional(
      Type.String({ maxLength: 200, description: 'why the visit is done before its scheduled time (required then)' }),
    ),
  },
  { additionalProperties: false },
);
export type OutcomeInput = Static<typeof OutcomeInput>;

/** Why a console user is not offered for a visit: not on the roster (where their home is kept), or locked in by a zone. */
export const NOT_OFFERED_REASONS = ['not_on_roster', 'locked_in'] as const;
/** A staff member who could be sent, and whether they are free to move (on the roster, home not in a sealed or controlled zone). */
export const AssignableStaff = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  free: Type.Boolean(),
  notOffered: Type.Union([Type.Enum([...NOT_OFFERED_REASONS]), Type.Null()]),
  zoneName: Type.Union([Type.String(), Type.Null()]),
});
export type AssignableStaff = Static<typeof AssignableStaff>;

/** What the citizen sees of their own request: no personal data beyond what they typed. */
export const HomeVisitStatusView = Type.Object({
  reference: Type.String(),
  institution: Type.String(),
  service: Type.String(),
  status: Type.Enum([...HOME_VISIT_STATUSES]),
  scheduledAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type HomeVisitStatusView = Static<typeof HomeVisitStatusView>;

/** A request taken: its id and the reference the citizen follows it by. */
export const HomeVisitCreated = Type.Object({ id: Type.String(), reference: Type.String() });
export type HomeVisitCreated = Static<typeof HomeVisitCreated>;

/**
 * What the staff member sent needs at the door: the customer's name, mobile and full address.
 * The assigned staff member reveals it with one click (the work order is the reason); anyone
 * else of the institution needs the reveal permission and a reason. Audited either way.
 */
export const ContactRevealInput = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 200, description: 'required unless the caller is the assigned staff member' })) },
  { additionalProperties: false },
);
export type ContactRevealInput = Static<typeof ContactRevealInput>;
export const HomeVisitContact = Type.Object({
  name: Type.String(),
  mobile: Type.String(),
  districtCode: Type.String(),
  streetCode: Type.String(),
  compound: Type.String(),
  address: Type.String(),
});
export type HomeVisitContact = Static<typeof HomeVisitContact>;
