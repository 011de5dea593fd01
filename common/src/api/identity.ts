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
  organization: Type.Object({ id: Type.String(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), kind: Type.String() }),
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
});
export type TrackAnswer = Static<typeof TrackAnswer>;

/** Where a staff member lives, so that someone in a sealed or controlled zone is not sent out. Personal data: stored encrypted. */
export const StaffHome = Type.Object(
  {
    streetCode: Type.String({ pattern: '^3101\\d{5}$' }),
    lat: Type.Optional(Type.Number({ minimum: 30.6, maximum: 31.9 })),
    lng: Type.Optional(Type.Number({ minimum: 120.8, maximum: 122.2 })),
  },
  { additionalProperties: false },
);
export type StaffHome = Static<typeof StaffHome>;
