import { type Static, Type } from 'typebox';
import { IntervalSchema, TimeOfDay } from './branches.ts';
import { Correction, ImportRejects } from './errors.ts';

/** The posts a branch needs staffed (岗位); an institution may add its own. */
export const STAFF_POSTS = ['teller', 'cash', 'lending', 'account_opening', 'video_agent', 'cash_in_transit', 'it', 'security'] as const;
export type StaffPost = (typeof STAFF_POSTS)[number];
export const STAFF_POST_LABELS: Record<StaffPost, { zh: string; en: string }> = {
  teller: { zh: '柜员', en: 'Teller' },
  cash: { zh: '现金', en: 'Cash' },
  lending: { zh: '信贷', en: 'Lending' },
  account_opening: { zh: '开户', en: 'Account opening' },
  video_agent: { zh: '视频坐席', en: 'Video agent' },
  cash_in_transit: { zh: '押运', en: 'Cash in transit' },
  it: { zh: '科技运维', en: 'IT' },
  security: { zh: '安保', en: 'Security' },
};
/** An institution's own post: a code of its choosing, prefixed so that it never takes a standard post's name. */
export const CUSTOM_POST_PATTERN = '^own:[a-z0-9_]{1,30}$';

/** The post's name on screen: a standard post's label, or the institution's own name for it. */
export function describePost(post: string, own: readonly StaffPostView[], lang: 'zh' | 'en'): string {
  return STAFF_POST_LABELS[post as StaffPost]?.[lang] ?? own.find((p) => p.code === post)?.[lang === 'zh' ? 'nameZh' : 'nameEn'] ?? post;
}

export const StaffPostInput = Type.Object(
  {
    code: Type.String({ pattern: CUSTOM_POST_PATTERN, description: 'own:… — e.g. own:wealth' }),
    nameZh: Type.String({ minLength: 1, maxLength: 20 }),
    nameEn: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type StaffPostInput = Static<typeof StaffPostInput>;
export const StaffPostView = Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });
export type StaffPostView = Static<typeof StaffPostView>;

/**
 * Where a staff member lives (personal data: encrypted, masked, revealed with a reason). A home
 * in a sealed or controlled zone's compound, or in a street sealed whole, locks them in.
 */
export const StaffHomeInput = Type.Object(
  {
    streetCode: Type.String({ pattern: '^3101\\d{5}$' }),
    committeeCode: Type.Optional(Type.String({ pattern: '^3101\\d{8}$', description: 'the neighbourhood or village committee' })),
    compound: Type.String({ minLength: 1, maxLength: 100, description: 'the compound (小区) as the zones name it' }),
  },
  { additionalProperties: false },
);
export type StaffHomeInput = Static<typeof StaffHomeInput>;

/** A person on the roster (员工名册): a console user or not. */
export const StaffInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    branchId: Type.String({ format: 'uuid' }),
    posts: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 12, uniqueItems: true }),
    phone: Type.String({ minLength: 1, maxLength: 20, description: 'a mainland mobile number' }),
    home: StaffHomeInput,
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'the console user this person is, if any' })),
  },
  { additionalProperties: false },
);
export type StaffInput = Static<typeof StaffInput>;
export const StaffChange = Correction(StaffInput);
export type StaffChange = Static<typeof StaffChange>;

/** Whether someone can come to work on a date, and if not, the zone that keeps them in. */
export const LockIn = Type.Object({
  lockedIn: Type.Boolean(),
  zoneId: Type.Union([Type.String(), Type.Null()]),
  zoneName: Type.Union([Type.String(), Type.Null()]),
});
export type LockIn = Static<typeof LockIn>;

export const StaffView = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  branchId: Type.String(),
  branchName: Type.String(),
  /** Masked: revealed with a reason (record type staff). */
  name: Type.String(),
  phone: Type.String(),
  posts: Type.Array(Type.String()),
  /** The street's name; committee and compound masked. */
  home: Type.Object({ streetCode: Type.String(), streetName: Type.String(), compound: Type.String() }),
  userId: Type.Union([Type.String(), Type.Null()]),
  on: Type.String(),
  ...LockIn.properties,
});
export type StaffView = Static<typeof StaffView>;

/** The columns of a roster file, as a branch's spreadsheet heads them. */
export const STAFF_FILE_COLUMNS: readonly (readonly [string, string])[] = [
  ['name', '姓名'],
  ['branchCode', '网点编码'],
  ['posts', '岗位'],
  ['phone', '手机'],
  ['streetCode', '街道代码'],
  ['committeeCode', '居委会代码'],
  ['compound', '小区'],
  ['username', '用户名'],
];

export const StaffImportAnswer = Type.Object({ imported: Type.Integer(), ...ImportRejects });
export type StaffImportAnswer = Static<typeof StaffImportAnswer>;

/** What a branch does when it has too few people to open as usual (its plan's fallback). */
export const FALLBACK_KINDS = ['shorter_hours', 'closed'] as const;
export const StaffingFallback = Type.Object(
  {
    kind: Type.Enum([...FALLBACK_KINDS]),
    hours: Type.Optional(Type.Array(IntervalSchema, { minItems: 1, maxItems: 4, description: 'the shorter hours, for shorter_hours' })),
    publicNote: Type.String({
      minLength: 2,
      maxLength: 200,
      description: 'where customers go instead: another branch, an online channel, the cloud branch',
    }),
  },
  { additionalProperties: false },
);
export type StaffingFallback = Static<typeof StaffingFallback>;

/** A key post (关键岗位) and its two named holders: B stands in when A cannot come (AB角). */
export const KeyPostInput = Type.Object(
  { post: Type.String({ maxLength: 40 }), holderA: Type.String({ format: 'uuid' }), holderB: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
/** A shift of the 24-hour duty list (值班表); one that ends at or before it starts runs past midnight. */
export const DutyShiftInput = Type.Object(
  { staffId: Type.String({ format: 'uuid' }), from: TimeOfDay, to: TimeOfDay },
  { additionalProperties: false },
);
export type DutyShiftInput = Static<typeof DutyShiftInput>;

const minuteOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const clockOf = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The parts of the day no shift covers (a duty list must leave none), as from–to clock times. */
export function findDutyGaps(shifts: readonly { from: string; to: string }[]): { from: string; to: string }[] {
  const covered = new Uint8Array(24 * 60);
  for (const { from, to } of shifts) {
    const start = minuteOf(from);
    const length = (minuteOf(to) - start + 24 * 60) % (24 * 60) || 24 * 60;
    for (let m = 0; m < length; m++) covered[(start + m) % (24 * 60)] = 1;
  }
  const gaps: { from: string; to: string }[] = [];
  for (let m = 0; m < 24 * 60; m++) {
    if (covered[m]) continue;
    const start = m;
    while (m < 24 * 60 && !covered[m]) m++;
    gaps.push({ from: clockOf(start), to: m === 24 * 60 ? '24:00' : clockOf(m) });
  }
  // A gap across midnight is one gap: 20:00–08:00, not 00:00–08:00 and 20:00–24:00.
  const [first, last] = [gaps[0], gaps[gaps.length - 1]];
  if (gaps.length > 1 && first?.from === '00:00' && last?.to === '24:00') {
    last.to = first.to;
    gaps.shift();
  }
  return gaps;
}

/**
 * A branch's contingency plan (应急预案): the fewest people per post it opens with, its fallback,
 * the holders of its key posts, the people of other branches it calls on first, and its duty list.
 */
export const StaffingPlanInput = Type.Object(
  {
    branchId: Type.String({ format: 'uuid' }),
    minimums: Type.Record(Type.String({ maxLength: 40 }), Type.Integer({ minimum: 1, maximum: 50 }), { minProperties: 1 }),
    fallback: StaffingFallback,
    keyPosts: Type.Optional(Type.Array(KeyPostInput, { maxItems: 12 })),
    substitutePool: Type.Optional(
      Type.Array(Type.String({ format: 'uuid' }), {
        maxItems: 50,
        uniqueItems: true,
        description: 'staff of other branches, proposed first when a post is short',
      }),
    ),
    duty: Type.Optional(Type.Array(DutyShiftInput, { maxItems: 12, description: 'shifts covering the whole day' })),
  },
  { additionalProperties: false },
);
export type StaffingPlanInput = Static<typeof StaffingPlanInput>;

/** Someone a plan names, masked, with where they work and whether a zone keeps them in that day. */
const NamedPerson = Type.Object({
  staffId: Type.String(),
  name: Type.String(),
  branchName: Type.String(),
  lockedIn: Type.Boolean(),
});
const KeyPostView = Type.Object({ post: Type.String(), holderA: NamedPerson, holderB: NamedPerson });
const DutyShiftView = Type.Object({ ...NamedPerson.properties, from: Type.String(), to: Type.String() });

export const StaffingPlanView = Type.Object({
  id: Type.String(),
  branchId: Type.String(),
  branchName: Type.String(),
  version: Type.Integer(),
  minimums: Type.Record(Type.String(), Type.Integer()),
  fallback: StaffingFallback,
  keyPosts: Type.Array(KeyPostView),
  substitutePool: Type.Array(NamedPerson),
  duty: Type.Array(DutyShiftView),
  draftedAt: Type.String(),
  approvedAt: Type.Union([Type.String(), Type.Null()]),
  /** The latest approved version of the branch's plan. */
  inForce: Type.Boolean(),
});
export type StaffingPlanView = Static<typeof StaffingPlanView>;

/** A branch on a day: enough people (green), short but covered by substitutes (amber), or short (red). */
export const STAFFING_STATES = ['enough', 'covered', 'short'] as const;
export type StaffingState = (typeof STAFFING_STATES)[number];
export const STAFFING_STATE_LABELS: Record<StaffingState, { zh: string; en: string }> = {
  enough: { zh: '人员充足', en: 'Enough staff' },
  covered: { zh: '缺员，可替班', en: 'Short, substitutes found' },
  short: { zh: '缺员，无人替班', en: 'Short, no substitute' },
};

const Person = Type.Object({ staffId: Type.String(), name: Type.String(), branchId: Type.String(), branchName: Type.String() });
export const BranchStaffing = Type.Object({
  branchId: Type.String(),
  branchName: Type.String(),
  districtCode: Type.String(),
  state: Type.Enum([...STAFFING_STATES]),
  lockedIn: Type.Integer(),
  planId: Type.String(),
  fallback: StaffingFallback,
  /** The branch already has an adjustment (its fallback, or another) that day. */
  adjusted: Type.Boolean(),
  /** Who of A and B holds each key post that day: null when neither can come (the post is short then). */
  keyPosts: Type.Array(Type.Object({ ...KeyPostView.properties, onDuty: Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Null()]) })),
  /** The duty list, each shift's person marked when locked in. */
  duty: Type.Array(DutyShiftView),
  posts: Type.Array(
    Type.Object({
      post: Type.String(),
      minimum: Type.Integer(),
      available: Type.Integer(),
      short: Type.Integer(),
      /** Who could stand in: same post, free to move, from a branch that keeps its own minimum; the plan's pool first, then nearest. */
      substitutes: Type.Array(Type.Object({ ...Person.properties, distanceKm: Type.Number(), fromPool: Type.Boolean() })),
      /** Substitutes already accepted for the day. */
      assigned: Type.Array(Person),
    }),
  ),
});
export type BranchStaffing = Static<typeof BranchStaffing>;
export const StaffingBoard = Type.Object({ on: Type.String(), branches: Type.Array(BranchStaffing) });
export type StaffingBoard = Static<typeof StaffingBoard>;

export const AssignmentInput = Type.Object(
  {
    staffId: Type.String({ format: 'uuid' }),
    branchId: Type.String({ format: 'uuid' }),
    post: Type.String({ maxLength: 40 }),
    on: Type.String({ format: 'date' }),
  },
  { additionalProperties: false },
);
export type AssignmentInput = Static<typeof AssignmentInput>;
export const FallbackInput = Type.Object(
  { branchId: Type.String({ format: 'uuid' }), on: Type.String({ format: 'date' }) },
  { additionalProperties: false },
);
export type FallbackInput = Static<typeof FallbackInput>;

/** The city's staffing on a day by district, as the institutions' boards were last recorded (for the regulator). */
export const StaffingCoverage = Type.Object({
  on: Type.String(),
  /** When the boards were last recorded that day: null when they have not been. */
  recordedAt: Type.Union([Type.String(), Type.Null()]),
  districts: Type.Array(
    Type.Object({
      districtCode: Type.String(),
      districtName: Type.String(),
      /** Branches with a plan in force. */
      planned: Type.Integer(),
      enough: Type.Integer(),
      covered: Type.Integer(),
      short: Type.Integer(),
      /** Of the short, those whose institution has applied an adjustment (shorter hours or closure). */
      shortAdjusted: Type.Integer(),
    }),
  ),
  /** Each branch short with no substitute: at risk of closing for lack of staff. */
  short: Type.Array(
    Type.Object({
      branchId: Type.String(),
      branchName: Type.String(),
      orgName: Type.String(),
      districtCode: Type.String(),
      districtName: Type.String(),
      adjusted: Type.Boolean(),
    }),
  ),
});
export type StaffingCoverage = Static<typeof StaffingCoverage>;
