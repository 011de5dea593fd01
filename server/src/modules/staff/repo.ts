import type { Insertable } from 'kysely';
import type { Db, RecordScope } from '../../db/database.ts';
import type { StaffTable } from '../../db/schema.ts';
import type { RevealLoader } from '../../platform/module.ts';

const STAFF_COLUMNS = [
  'id',
  'orgId',
  'branchId',
  'userId',
  'nameEnc',
  'phoneEnc',
  'homeEnc',
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

/** The roster row of a console user, if they are on it. */
export function selectStaffOfUser(db: Db, userId: string) {
  return db.selectFrom('staff').select(['id']).where('userId', '=', userId).executeTakeFirst();
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
  const row = await db.selectFrom('staff').select(['orgId', 'nameEnc', 'phoneEnc', 'homeEnc']).where('id', '=', id).executeTakeFirst();
  const columns = { name: row?.nameEnc, phone: row?.phoneEnc, home: row?.homeEnc };
  return row && { orgId: row.orgId, value: columns[field as keyof typeof columns] ?? null };
};

/** Roster entries with their branch, for the audit trail's names (a person's name is personal data). */
export function selectStaffBranches(db: Db, ids: string[]) {
  return db.selectFrom('staff').select(['id', 'branchId']).where('id', 'in', ids).execute();
}
