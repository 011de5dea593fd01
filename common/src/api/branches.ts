import { type Static, Type } from 'typebox';
import { Correction, CorrectionReason, ImportRejects } from './errors.ts';

/** The services a branch can offer; the finder filters by them. */
export const BRANCH_SERVICES = [
  'cash',
  'deposit_withdrawal',
  'account_opening',
  'loans',
  'foreign_exchange',
  'social_security_card',
  'insurance_counter',
  'claims',
  'safe_deposit',
] as const;
export type BranchService = (typeof BRANCH_SERVICES)[number];

/** The services each kind of institution offers: a bank has no insurance counter, an insurer no safe-deposit box. */
export const SERVICES_BY_KIND: Record<'bank' | 'insurer', readonly BranchService[]> = {
  bank: ['cash', 'deposit_withdrawal', 'account_opening', 'loans', 'foreign_exchange', 'social_security_card', 'safe_deposit'],
  insurer: ['insurance_counter', 'claims'],
};
/** What each way of being served cannot carry: cash does not pass through a screen, a safe-deposit box does not travel. */
const NOT_OFFERED_BY: Record<'branch' | 'home_visit' | 'video', readonly BranchService[]> = {
  branch: [],
  home_visit: ['safe_deposit'],
  video: ['cash', 'deposit_withdrawal', 'safe_deposit'],
};
/** The services an institution of a kind offers by a way of being served (none for a kind that serves no one). */
export function listOfferedServices(kind: string, by: 'branch' | 'home_visit' | 'video'): BranchService[] {
  const offered = kind === 'bank' || kind === 'insurer' ? SERVICES_BY_KIND[kind] : [];
  return offered.filter((s) => !NOT_OFFERED_BY[by].includes(s));
}

export const BRANCH_SERVICE_LABELS: Record<BranchService, { zh: string; en: string }> = {
  cash: { zh: '现金业务', en: 'Cash' },
  deposit_withdrawal: { zh: '存取款', en: 'Deposits and withdrawals' },
  account_opening: { zh: '开户', en: 'Account opening' },
  loans: { zh: '贷款', en: 'Loans' },
  foreign_exchange: { zh: '外汇', en: 'Foreign exchange' },
  social_security_card: { zh: '社保卡', en: 'Social-security card' },
  insurance_counter: { zh: '保险柜面', en: 'Insurance counter' },
  claims: { zh: '理赔', en: 'Claims' },
  safe_deposit: { zh: '保管箱', en: 'Safe deposit' },
};

export const ADJUSTMENT_REASONS = ['lockdown_zone', 'staffing', 'protection_measures', 'holiday', 'other'] as const;
export const CHANNEL_KINDS = ['app', 'web', 'wechat', 'hotline', 'video'] as const;

export const TimeOfDay = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, 24-hour' });
export const IntervalSchema = Type.Object({ open: TimeOfDay, close: TimeOfDay }, { additionalProperties: false });
const DayIntervals = Type.Array(IntervalSchema, { maxItems: 4 });
export const WeeklyHoursSchema = Type.Object(
  {
    days: Type.Object(
      {
        1: Type.Optional(DayIntervals),
        2: Type.Optional(DayIntervals),
        3: Type.Optional(DayIntervals),
        4: Type.Optional(DayIntervals),
        5: Type.Optional(DayIntervals),
        6: Type.Optional(DayIntervals),
        7: Type.Optional(DayIntervals),
      },
      { additionalProperties: false },
    ),
    holiday: Type.Optional(DayIntervals),
  },
  { additionalProperties: false },
);

export const BranchInput = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9-]{1,32}$', description: 'the institution’s own branch code' }),
    nameZh: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.Optional(Type.String({ maxLength: 200 })),
    address: Type.String({ minLength: 1, maxLength: 200 }),
    streetCode: Type.String({ pattern: '^3101\\d{5}$', description: 'street or town division code (9 digits)' }),
    lat: Type.Number({ minimum: 30.6, maximum: 31.9 }),
    lng: Type.Number({ minimum: 120.8, maximum: 122.2 }),
    coordinateSystem: Type.Optional(
      Type.Enum(['wgs84', 'gcj02'], { default: 'wgs84', description: 'gcj02 (Chinese map apps) is converted to WGS-84' }),
    ),
    services: Type.Array(Type.Enum([...BRANCH_SERVICES]), { minItems: 1, uniqueItems: true }),
    weeklyHours: WeeklyHoursSchema,
    phone: Type.Optional(Type.String({ maxLength: 32 })),
    stepFree: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type BranchInput = Static<typeof BranchInput>;

export const BranchView = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  address: Type.String(),
  districtCode: Type.String(),
  streetCode: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  services: Type.Array(Type.String()),
  weeklyHours: WeeklyHoursSchema,
  phone: Type.Union([Type.String(), Type.Null()]),
  stepFree: Type.Boolean(),
});
export type BranchView = Static<typeof BranchView>;
/** A branch in its institution's list: with today's status from its adjustments (the console adds zone flags). */
export const BranchListItem = Type.Intersect([
  BranchView,
  Type.Object({ today: Type.Enum(['open', 'adjusted', 'closed'], { description: 'today, from the adjustment in force' }) }),
]);
export type BranchListItem = Static<typeof BranchListItem>;

export const AdjustmentInput = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    closed: Type.Boolean(),
    hours: Type.Optional(DayIntervals),
    reason: Type.Enum([...ADJUSTMENT_REASONS]),
    publicNote: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type AdjustmentInput = Static<typeof AdjustmentInput>;

export const AdjustmentView = Type.Object({
  id: Type.String(),
  branchId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  closed: Type.Boolean(),
  hours: Type.Union([DayIntervals, Type.Null()]),
  reason: Type.String(),
  publicNote: Type.Union([Type.String(), Type.Null()]),
  withdrawnAt: Type.Union([Type.String(), Type.Null()]),
  withdrawnReason: Type.Union([Type.String(), Type.Null()]),
});
export type AdjustmentView = Static<typeof AdjustmentView>;
export const AdjustmentChange = Correction(AdjustmentInput);
export type AdjustmentChange = Static<typeof AdjustmentChange>;

export const ChannelInput = Type.Object(
  {
    kind: Type.Enum([...CHANNEL_KINDS]),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    address: Type.String({ minLength: 1, maxLength: 300, description: 'URL, phone number or mini-program name' }),
    services: Type.Array(Type.Enum([...BRANCH_SERVICES]), { uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type ChannelInput = Static<typeof ChannelInput>;
export const ChannelView = Type.Intersect([Type.Object({ id: Type.String(), orgId: Type.String() }), ChannelInput]);
export type ChannelView = Static<typeof ChannelView>;
export const ChannelChange = Correction(ChannelInput);
export type ChannelChange = Static<typeof ChannelChange>;

export const NearestBranch = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  institution: Type.Object({ nameZh: Type.String(), nameEn: Type.String() }),
  nameZh: Type.String(),
  address: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  distanceKm: Type.Number(),
  openNow: Type.Boolean(),
  today: Type.Object({ intervals: Type.Array(IntervalSchema), reason: Type.String(), note: Type.Union([Type.String(), Type.Null()]) }),
  nextOpening: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  stepFree: Type.Boolean(),
});
export type NearestBranch = Static<typeof NearestBranch>;
/** An online channel as the public sees it: for the service asked about, so without its list of services. */
export const PublicChannel = Type.Object({
  orgId: Type.String(),
  kind: Type.Enum([...CHANNEL_KINDS]),
  name: Type.String(),
  address: Type.String(),
});
export type PublicChannel = Static<typeof PublicChannel>;
export const NearestAnswer = Type.Object({
  items: Type.Array(NearestBranch),
  /** When nothing is open within reach: the nearest branches for the service that open soonest, soonest first. */
  later: Type.Array(NearestBranch),
  /**
   * The online channels, for the service, of each institution whose listed branch is closed at
   * that time; when no branch is found, of every institution.
   */
  channels: Type.Array(PublicChannel),
});
export type NearestAnswer = Static<typeof NearestAnswer>;

export const BRANCH_STATUSES = ['open', 'adjusted', 'closed', 'flagged'] as const;
export type BranchStatus = (typeof BRANCH_STATUSES)[number];
export const BRANCH_STATUS_LABELS: Record<BranchStatus, { zh: string; en: string }> = {
  open: { zh: '正常营业', en: 'Regular hours' },
  adjusted: { zh: '调整时间', en: 'Adjusted hours' },
  closed: { zh: '暂停营业', en: 'Closed' },
  flagged: { zh: '位于封控区待处置', en: 'In a sealed area, pending' },
};

export const NetworkDistrict = Type.Object({
  districtCode: Type.String(),
  districtName: Type.String(),
  total: Type.Integer(),
  open: Type.Integer(),
  adjusted: Type.Integer(),
  closed: Type.Integer(),
  flagged: Type.Integer(),
});
export const NetworkSummary = Type.Object({ on: Type.String(), districts: Type.Array(NetworkDistrict) });
export type NetworkSummary = Static<typeof NetworkSummary>;

export const NetworkBranch = Type.Object({
  id: Type.String(),
  institution: Type.String(),
  nameZh: Type.String(),
  address: Type.String(),
  districtCode: Type.String(),
  status: Type.Enum([...BRANCH_STATUSES]),
  note: Type.Union([Type.String(), Type.Null()]),
});
export type NetworkBranch = Static<typeof NetworkBranch>;

/** A branch import taken: its rows are written by a job (see /api/v1/jobs/{id}). */
export const BranchImportAccepted = Type.Object({ jobId: Type.String(), accepted: Type.Integer(), ...ImportRejects });
export type BranchImportAccepted = Static<typeof BranchImportAccepted>;

/** How a date is overridden in the holiday calendar (the State Council's notice for a year the package lacks). */
export const HOLIDAY_KINDS = ['holiday', 'makeup', 'workday', 'weekend'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];
export const HOLIDAY_KIND_LABELS: Record<HolidayKind, { zh: string; en: string }> = {
  holiday: { zh: '法定节假日', en: 'Public holiday' },
  makeup: { zh: '调休上班', en: 'Make-up working day' },
  workday: { zh: '工作日', en: 'Working day' },
  weekend: { zh: '休息日', en: 'Rest day' },
};
export const HolidayOverride = Type.Object({
  date: Type.String({ format: 'date' }),
  kind: Type.Enum([...HOLIDAY_KINDS]),
  name: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
});
export type HolidayOverride = Static<typeof HolidayOverride>;
export const HolidayOverrideInput = Type.Object(
  {
    kind: Type.Enum([...HOLIDAY_KINDS]),
    name: Type.Optional(Type.String({ maxLength: 40 })),
    changeReason: Type.Optional(CorrectionReason),
  },
  { additionalProperties: false },
);
export type HolidayOverrideInput = Static<typeof HolidayOverrideInput>;
/** Years starting within 60 days (or started) whose holidays the calendar does not know. */
export const MissingYears = Type.Object({ years: Type.Array(Type.Integer()) });
export type MissingYears = Static<typeof MissingYears>;
