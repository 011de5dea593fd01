import { type Static, Type } from 'typebox';
import { IntervalSchema } from './branches.ts';
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

/** A branch's contingency plan (应急预案): the fewest people per post it opens with, and its fallback. */
export const StaffingPlanInput = Type.Object(
  {
    branchId: Type.String({ format: 'uuid' }),
    minimums: Type.Record(Type.String({ maxLength: 40 }), Type.Integer({ minimum: 1, maximum: 50 }), { minProperties: 1 }),
    fallback: StaffingFallback,
  },
  { additionalProperties: false },
);
export type StaffingPlanInput = Static<typeof StaffingPlanInput>;

export const StaffingPlanView = Type.Object({
  id: Type.String(),
  branchId: Type.String(),
  branchName: Type.String(),
  version: Type.Integer(),
  minimums: Type.Record(Type.String(), Type.Integer()),
  fallback: StaffingFallback,
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
  posts: Type.Array(
    Type.Object({
      post: Type.String(),
      minimum: Type.Integer(),
      available: Type.Integer(),
      short: Type.Integer(),
      /** Who could stand in: same post, free to move, from a branch that keeps its own minimum; nearest first. */
      substitutes: Type.Array(Type.Object({ ...Person.properties, distanceKm: Type.Number() })),
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
