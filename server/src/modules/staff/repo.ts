import type { Insertable } from 'kysely';
import type { Db, RecordScope } from '../../db/database.ts';
import type { StaffTable } from '../../db/schema.ts';
import type { FigureQuery, RevealLoader } from '../../platform/module.ts';

const STAFF_COLUMNS = [
  'id',
  'orgId',
  'branchId',
  'userId',
  'nameEnc',
  'phoneEnc',
  'homeEnc',
  'compoundEnc',
  'homeStreetHash',
  'homeCompoundHash',
  'posts',
] as const;

export type NewStaffRow = Omit<Insertable<StaffTable>, 'posts' | 'createdAt' | 'updatedAt'> & { posts: string[] };

export async function insertStaffRows(db: Db, rows: NewStaffRow[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('staff')
    .values(rows.map((r) => ({ ...r, posts: JSON.stringify(r.posts) })))
    .execute();
}

export async function updateStaffRow(db: Db, id: string, row: Omit<NewStaffRow, 'id' | 'orgId'>) {
  await db
    .updateTable('staff')
    .set({ ...row, posts: JSON.stringify(row.posts), updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function deleteStaffRow(db: Db, id: string) {
  await db.deleteFrom('staff').where('id', '=', id).execute();
}

/** The roster of one institution (or every one, for the lock-in computation), in a stable order. */
export function selectStaff(db: Db, scope: RecordScope, filter: { branchId?: string } = {}) {
  return db
    .selectFrom('staff')
    .select(STAFF_COLUMNS)
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .$if(filter.branchId !== undefined, (q) => q.where('branchId', '=', filter.branchId as string))
    .orderBy('branchId')
    .orderBy('id')
    .execute();
}
export type StaffRow = Awaited<ReturnType<typeof selectStaff>>[number];

export function selectStaffMember(db: Db, scope: RecordScope, id: string) {
  return db
    .selectFrom('staff')
    .select(STAFF_COLUMNS)
    .where('id', '=', id)
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .executeTakeFirst();
}

/** Some of an institution's roster entries, by id (the people a plan names). */
export function selectStaffByIds(db: Db, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('staff')
    .select(STAFF_COLUMNS)
    .where('orgId', '=', orgId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** The roster entries of some console users (those on the roster). */
export function selectStaffOfUsers(db: Db, orgId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('staff')
    .select(STAFF_COLUMNS)
    .where('orgId', '=', orgId)
    .where('userId', 'in', [...userIds])
    .execute();
}

export function selectOwnPosts(db: Db, orgId: string) {
  return db.selectFrom('staffPosts').select(['code', 'nameZh', 'nameEn']).where('orgId', '=', orgId).orderBy('code').execute();
}

export async function insertOwnPost(db: Db, row: { orgId: string; code: string; nameZh: string; nameEn: string }): Promise<boolean> {
  const done = await db
    .insertInto('staffPosts')
    .values(row)
    .onConflict((oc) => oc.columns(['orgId', 'code']).doNothing())
    .executeTakeFirst();
  return Number(done.numInsertedOrUpdatedRows) === 1;
}

/** One encrypted field of a roster entry, with its institution, for a reveal. */
export const loadStaffSecret: RevealLoader = async (db, id, field) => {
  const row = await db.selectFrom('staff').select(['orgId', 'nameEnc', 'phoneEnc', 'compoundEnc']).where('id', '=', id).executeTakeFirst();
  const columns = { name: row?.nameEnc, phone: row?.phoneEnc, compound: row?.compoundEnc };
  return row && { orgId: row.orgId, value: columns[field as keyof typeof columns] ?? null };
};

/** Roster entries with their branch, for the audit trail's names (a person's name is personal data). */
export function selectStaffBranches(db: Db, ids: string[]) {
  return db.selectFrom('staff').select(['id', 'branchId']).where('id', 'in', ids).execute();
}

const PLAN_COLUMNS = [
  'id',
  'orgId',
  'branchId',
  'version',
  'minimums',
  'fallback',
  'keyPosts',
  'substitutePool',
  'duty',
  'draftedAt',
  'approvedAt',
] as const;

/** A plan as written: its people are kept as JSON lists of roster ids. */
export interface NewPlanRow {
  id: string;
  orgId: string;
  branchId: string;
  minimums: Record<string, number>;
  fallback: object;
  keyPosts?: { post: string; holderA: string; holderB: string }[];
  substitutePool?: string[];
  duty?: { staffId: string; from: string; to: string }[];
  draftedBy: string | null;
}
const toPlanColumns = (r: NewPlanRow) => ({
  ...r,
  minimums: JSON.stringify(r.minimums),
  fallback: JSON.stringify(r.fallback),
  keyPosts: JSON.stringify(r.keyPosts ?? []),
  substitutePool: JSON.stringify(r.substitutePool ?? []),
  duty: JSON.stringify(r.duty ?? []),
});

export function selectPlans(db: Db, orgId: string, branchId?: string) {
  return db
    .selectFrom('staffingPlans')
    .select(PLAN_COLUMNS)
    .where('orgId', '=', orgId)
    .$if(branchId !== undefined, (q) => q.where('branchId', '=', branchId as string))
    .orderBy('branchId')
    .orderBy('version', 'desc')
    .execute();
}
export type PlanRow = Awaited<ReturnType<typeof selectPlans>>[number];

export function selectPlan(db: Db, orgId: string, id: string) {
  return db.selectFrom('staffingPlans').select(PLAN_COLUMNS).where('orgId', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** The plan in force at each branch: its latest approved version. */
export function selectPlansInForce(db: Db, orgId: string) {
  return db
    .selectFrom('staffingPlans')
    .select(PLAN_COLUMNS)
    .distinctOn('branchId')
    .where('orgId', '=', orgId)
    .where('approvedAt', 'is not', null)
    .orderBy('branchId')
    .orderBy('version', 'desc')
    .execute();
}

export async function insertPlan(db: Db, row: NewPlanRow) {
  // The next version of the branch's plan; the unique key refuses two drafts taking one number.
  const last = await db
    .selectFrom('staffingPlans')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('branchId', '=', row.branchId)
    .executeTakeFirst();
  await db
    .insertInto('staffingPlans')
    .values({ ...toPlanColumns(row), version: Number(last?.v ?? 0) + 1, draftedAt: new Date() })
    .execute();
}

/** First versions, approved as they are written: the demo's plans. */
export async function insertApprovedPlans(db: Db, rows: NewPlanRow[]) {
  const now = new Date();
  await db
    .insertInto('staffingPlans')
    .values(
      rows.map((r) => ({
        ...toPlanColumns(r),
        version: 1,
        draftedAt: now,
        approvedAt: now,
        approvedBy: null,
      })),
    )
    .execute();
}

export async function markPlanApproved(db: Db, id: string, userId: string | null): Promise<boolean> {
  const done = await db
    .updateTable('staffingPlans')
    .set({ approvedAt: new Date(), approvedBy: userId })
    .where('id', '=', id)
    .where('approvedAt', 'is', null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

export function selectAssignments(db: Db, orgId: string, day: string) {
  return db
    .selectFrom('staffAssignments')
    .select(['staffId', 'branchId', 'post'])
    .where('orgId', '=', orgId)
    .where('day', '=', day)
    .execute();
}

/** Accepts a substitute for a day; false when that person already stands in somewhere that day. */
export async function insertAssignment(
  db: Db,
  row: { staffId: string; day: string; orgId: string; branchId: string; post: string; acceptedBy: string | null },
): Promise<boolean> {
  const done = await db
    .insertInto('staffAssignments')
    .values({ ...row, acceptedAt: new Date() })
    .onConflict((oc) => oc.columns(['staffId', 'day']).doNothing())
    .executeTakeFirst();
  return Number(done.numInsertedOrUpdatedRows) === 1;
}

/** The institutions with a plan in force somewhere: those whose boards are recorded each day. */
export async function selectPlanningOrgIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('staffingPlans').select('orgId').distinct().where('approvedAt', 'is not', null).execute();
  return rows.map((r) => r.orgId);
}

export interface StaffingDayRow {
  branchId: string;
  districtCode: string;
  state: string;
  adjusted: boolean;
}

/**
 * Records an institution's board for a day: each branch's state, replacing what was recorded
 * before (a branch whose plan is gone drops out). Two recordings at once both write whole rows.
 */
export async function replaceStaffingDay(db: Db, orgId: string, day: string, rows: readonly StaffingDayRow[]) {
  const recordedAt = new Date();
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('staffingDays')
      .values(rows.slice(i, i + 1000).map((r) => ({ ...r, orgId, day, recordedAt })))
      .onConflict((oc) =>
        oc.columns(['day', 'branchId']).doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          adjusted: eb.ref('excluded.adjusted'),
          districtCode: eb.ref('excluded.districtCode'),
          recordedAt,
        })),
      )
      .execute();
  await db.deleteFrom('staffingDays').where('orgId', '=', orgId).where('day', '=', day).where('recordedAt', '<', recordedAt).execute();
}

export function selectStaffingDay(db: Db, day: string) {
  return db
    .selectFrom('staffingDays')
    .select(['branchId', 'orgId', 'districtCode', 'state', 'adjusted', 'recordedAt'])
    .where('day', '=', day)
    .execute();
}

/**
 * The figures of a period: branches short on some day, with and without a substitute (each
 * branch once, a day counting it in the state last recorded for it), and the substitutes accepted.
 */
export async function countStaffingFigures(db: Db, query: FigureQuery): Promise<Record<string, number>> {
  const [days, accepted] = await Promise.all([
    db
      .selectFrom('staffingDays')
      .select((eb) => [
        eb.fn.count<string>('branchId').distinct().filterWhere('state', '=', 'short').as('short'),
        eb.fn.count<string>('branchId').distinct().filterWhere('state', '=', 'covered').as('covered'),
      ])
      .where('day', '>=', query.from)
      .where('day', '<=', query.to)
      .$if(query.orgId !== null, (q) => q.where('orgId', '=', query.orgId as string))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('staffAssignments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('day', '>=', query.from)
      .where('day', '<=', query.to)
      .$if(query.orgId !== null, (q) => q.where('orgId', '=', query.orgId as string))
      .executeTakeFirstOrThrow(),
  ]);
  return { branchesShort: Number(days.short), branchesCovered: Number(days.covered), substitutesAccepted: Number(accepted.n) };
}
