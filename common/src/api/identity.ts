import { type Static, Type } from 'typebox';

export const ROLES = ['regulator', 'association', 'institution_admin', 'institution_staff', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  regulator: { zh: '监管机构', en: 'Regulator' },
  association: { zh: '行业协会', en: 'Association' },
  institution_admin: { zh: '机构管理员', en: 'Institution admin' },
  institution_staff: { zh: '机构员工', en: 'Institution staff' },
  partner: { zh: '合作单位', en: 'Partner' },
};

export const SignInAnswer = Type.Object({
  secondFactor: Type.Enum(['passed', 'required', 'enrol', 'skipped_demo']),
  mustChangePassword: Type.Boolean(),
  csrfToken: Type.String(),
  warning: Type.Optional(Type.String()),
});
export type SignInAnswer = Static<typeof SignInAnswer>;

export const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  name: Type.String({ description: 'masked' }),
  role: Type.Enum([...ROLES]),
  organization: Type.Object({
    id: Type.String(),
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    kind: Type.String(),
    /** A committee partner's committee, for its own compounds. */
    committeeCode: Type.Union([Type.String(), Type.Null()]),
  }),
  secondFactorPassed: Type.Boolean(),
  totpEnrolled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
});
export type Me = Static<typeof Me>;

export const TotpEnrolment = Type.Object({ uri: Type.String(), qrSvg: Type.String(), secret: Type.String() });
export type TotpEnrolment = Static<typeof TotpEnrolment>;

export const UserView = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  username: Type.String(),
  role: Type.Enum([...ROLES]),
  name: Type.String({ description: 'masked' }),
  mobile: Type.Union([Type.String({ description: 'masked' }), Type.Null()]),
  email: Type.Union([Type.String({ description: 'masked' }), Type.Null()]),
  totpEnrolled: Type.Boolean(),
  locked: Type.Boolean(),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type UserView = Static<typeof UserView>;

export const AuditEventView = Type.Object({
  id: Type.String(),
  chain: Type.Integer(),
  seq: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  actorType: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorOrgId: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  orgId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  recordType: Type.Union([Type.String(), Type.Null()]),
  recordId: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Record(Type.String(), Type.Unknown()),
  /** Who, for people: a staff member by masked name and username. */
  actorName: Type.Union([Type.String(), Type.Null()]),
  /** What, for people: a branch's name, a visit's reference, a user's username. */
  recordName: Type.Union([Type.String(), Type.Null()]),
});
export type AuditEventView = Static<typeof AuditEventView>;

export const AuditEventPage = Type.Object({ items: Type.Array(AuditEventView), next: Type.Union([Type.String(), Type.Null()]) });
export type AuditEventPage = Static<typeof AuditEventPage>;

/** The public answer about a request followed by its reference number. */
export const TrackAnswer = Type.Object({
  reference: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  updatedAt: Type.String(),
  institution: Type.Optional(Type.String()),
  scheduledAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** When a decision is due, for a request on a deadline (a complaint); null while its clock is paused. */
  dueAt: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type TrackAnswer = Static<typeof TrackAnswer>;

/** A password reset: the one-time password, shown once. */
export const PasswordReset = Type.Object({ temporaryPassword: Type.String() });
export type PasswordReset = Static<typeof PasswordReset>;

/** Recovery codes for the second factor, shown once. */
export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
export type RecoveryCodes = Static<typeof RecoveryCodes>;

/** A revealed field in full (null when the record has none). */
export const RevealAnswer = Type.Object({ value: Type.Union([Type.String(), Type.Null()]) });
export type RevealAnswer = Static<typeof RevealAnswer>;

/** A citizen's verified session: the mobile, masked, and the token for unsafe requests. */
export const CitizenSession = Type.Object({ mobile: Type.String({ description: 'masked' }), csrfToken: Type.String() });
export type CitizenSession = Static<typeof CitizenSession>;

/** A message in the development outbox (SMS or e-mail the platform would have sent). */
export const OutboxItem = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  recipient: Type.String(),
  subject: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  state: Type.String(),
  provider: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type OutboxItem = Static<typeof OutboxItem>;

/** A staff user made by an administrator; they change the password at first sign-in. */
export const UserInput = Type.Object(
  {
    orgId: Type.String({ format: 'uuid' }),
    username: Type.String({ pattern: '^[A-Za-z0-9._-]{3,64}$' }),
    role: Type.Enum([...ROLES]),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    mobile: Type.Optional(Type.String({ maxLength: 32 })),
    /** Where inbox items go by e-mail, when the user asks for them. */
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    mfaRequired: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UserInput = Static<typeof UserInput>;

export const SignInInput = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
});
export type SignInInput = Static<typeof SignInInput>;

export const PasswordChangeInput = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
});
export type PasswordChangeInput = Static<typeof PasswordChangeInput>;

/** A one-time code: from the authenticator app, or a recovery code. */
export const CodeInput = Type.Object({ code: Type.String({ minLength: 6, maxLength: 32 }) });
export type CodeInput = Static<typeof CodeInput>;

/** The password again, when enrolment follows a sign-in more than a few minutes old. */
export const PasswordInput = Type.Object({ password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false });
export type PasswordInput = Static<typeof PasswordInput>;

/** Which masked field of which record to show in full, and why (recorded in the audit trail). */
export const RevealInput = Type.Object(
  {
    recordType: Type.String({ maxLength: 40 }),
    recordId: Type.String({ format: 'uuid' }),
    field: Type.String({ maxLength: 40 }),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type RevealInput = Static<typeof RevealInput>;

const Mobile = Type.String({ minLength: 1, maxLength: 32, description: 'mainland mobile; +86, spaces and hyphens allowed' });
export const SmsCodeInput = Type.Object({ mobile: Mobile }, { additionalProperties: false });
export type SmsCodeInput = Static<typeof SmsCodeInput>;
export const CitizenSignInInput = Type.Object(
  { mobile: Mobile, code: Type.String({ pattern: '^\\s*\\d{6}\\s*$' }) },
  { additionalProperties: false },
);
export type CitizenSignInInput = Static<typeof CitizenSignInInput>;
