import type { AdjustmentInput, BranchInput, ChannelInput } from '@shouhu/common';
import { sql } from 'kysely';
import type { Db, RecordScope } from '../../db/database.ts';
import type { FigureQuery } from '../../platform/module.ts';

// Calendar dates are read as "YYYY-MM-DD" text: both drivers would otherwise make Dates at a
// midnight that depends on the process's time zone.
const fromDate = sql<string>`to_char(from_date, 'YYYY-MM-DD')`.as('fromDate');
const toDate = sql<string>`to_char(to_date, 'YYYY-MM-DD')`.as('toDate');

const BRANCH_COLUMNS = [
  'id',
  'orgId',
  'code',
  'nameZh',
  'nameEn',
  'address',
  'districtCode',
  'streetCode',
  'lat',
  'lng',
  'services',
  'weeklyHours',
  'phone',
  'stepFree',
] as const;

export function selectBranches(db: Db, scope: { orgId: string | null; ids?: string[] }) {
  let q = db.selectFrom('branches').select(BRANCH_COLUMNS);
  if (scope.orgId !== null) q = q.where('orgId', '=', scope.orgId);
  if (scope.ids) {
    if (scope.ids.length === 0) return Promise.resolve([]);
    q = q.where('id', 'in', scope.ids);
  }
  return q.orderBy('code').execute();
}

/**
 * What the public finder keeps of branches: the answer's fields and place, and the hours and
 * services as JSON text, which most branches share (so that it keeps one copy of each).
 */
export function selectFinderBranches(db: Db, ids?: string[]) {
  if (ids?.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('branches')
    .select([
      'id',
      'orgId',
      'nameZh',
      'address',
      'streetCode',
      'lat',
      'lng',
      'phone',
      'stepFree',
      sql<string>`weekly_hours::text`.as('weeklyHoursJson'),
      sql<string>`services::text`.as('servicesJson'),
    ]);
  if (ids) q = q.where('id', 'in', ids);
  return q.execute();
}

export type FinderBranchRow = Awaited<ReturnType<typeof selectFinderBranches>>[number];

/** The record, if it exists within the scope (an organisation's own records, or all). */
export function selectBranch(db: Db, scope: RecordScope, id: string) {
  return db
    .selectFrom('branches')
    .select(BRANCH_COLUMNS)
    .where('id', '=', id)
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .executeTakeFirst();
}

export type BranchRow = NonNullable<Awaited<ReturnType<typeof selectBranch>>>;

type BranchFields = Omit<BranchInput, 'coordinateSystem'> & { districtCode: string };

/** A branch's fields as its columns: optional ones as null or false, lists as JSON. */
const toBranchColumns = <T extends BranchFields>(row: T) => ({
  ...row,
  nameEn: row.nameEn ?? null,
  phone: row.phone ?? null,
  stepFree: row.stepFree ?? false,
  services: JSON.stringify(row.services),
  weeklyHours: JSON.stringify(row.weeklyHours),
});

export async function insertBranch(db: Db, row: BranchFields & { id: string; orgId: string }) {
  await db.insertInto('branches').values(toBranchColumns(row)).execute();
}

export async function updateBranch(db: Db, id: string, row: BranchFields) {
  await db
    .updateTable('branches')
    .set({ ...toBranchColumns(row), updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

/** The branches' adjustments (of all branches: null); those withdrawn only when asked, for the branch's history. */
export function selectAdjustments(db: Db, branchIds: string[] | null, options: { withdrawn?: boolean } = {}) {
  let q = db
    .selectFrom('branchAdjustments')
    .select(['id', 'branchId', 'orgId', fromDate, toDate, 'closed', 'hours', 'reason', 'publicNote', 'withdrawnAt', 'withdrawnReason'])
    .$if(options.withdrawn !== true, (w) => w.where('withdrawnAt', 'is', null));
  if (branchIds !== null) {
    if (branchIds.length === 0) return Promise.resolve([]);
    q = q.where('branchId', 'in', branchIds);
  }
  return q.orderBy('branchAdjustments.fromDate').execute();
}

/** One adjustment of a branch, withdrawn or not. */
export function selectAdjustment(db: Db, branchId: string, id: string) {
  return db
    .selectFrom('branchAdjustments')
    .select(['id', 'branchId', 'orgId', fromDate, toDate, 'closed', 'hours', 'reason', 'publicNote', 'withdrawnAt', 'withdrawnReason'])
    .where('branchId', '=', branchId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Changes an adjustment still in force; answers whether it was (a withdrawn one is not changed). */
export async function updateAdjustment(db: Db, id: string, input: AdjustmentInput): Promise<boolean> {
  const result = await db
    .updateTable('branchAdjustments')
    .set({
      fromDate: input.from,
      toDate: input.to,
      closed: input.closed,
      hours: input.closed ? null : JSON.stringify(input.hours ?? []),
      reason: input.reason,
      publicNote: input.publicNote ?? null,
      updatedAt: sql`now()`,
    })
    .where('id', '=', id)
    .where('withdrawnAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Withdraws an adjustment or a channel still in force; answers whether it was. */
export async function withdrawRecord(db: Db, table: 'branchAdjustments' | 'onlineChannels', id: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable(table)
    .set({ withdrawnAt: sql`now()`, withdrawnReason: reason })
    .where('id', '=', id)
    .where('withdrawnAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Branches whose adjustment was withdrawn since an instant: the notice lists them as withdrawn. */
export async function selectBranchesWithdrawnSince(db: Db, since: Date): Promise<string[]> {
  const rows = await db.selectFrom('branchAdjustments').select('branchId').distinct().where('withdrawnAt', '>', since).execute();
  return rows.map((r) => r.branchId);
}

/** Where branches are and whose they are: for zone flags, the network and notices (some organisations, or all). */
export function selectBranchPlaces(db: Db, scope: { orgIds: string[] | null }) {
  if (scope.orgIds?.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('branches')
    .select(['id', 'orgId', 'nameZh', 'address', 'districtCode', 'streetCode', 'lat', 'lng'])
    .$if(scope.orgIds !== null, (q) => q.where('orgId', 'in', scope.orgIds as string[]))
    .orderBy('districtCode')
    .orderBy('nameZh')
    .execute();
}

/** Every adjustment in force on a date (of one institution when asked); only closures when asked. */
export function selectAdjustmentsOn(db: Db, on: string, filter: { closedOnly?: boolean; orgId?: string | null } = {}) {
  return db
    .selectFrom('branchAdjustments')
    .select(['branchId', 'orgId', fromDate, toDate, 'closed', 'hours', 'publicNote'])
    .where('fromDate', '<=', on)
    .where('toDate', '>=', on)
    .where('withdrawnAt', 'is', null)
    .$if(filter.closedOnly === true, (q) => q.where('closed', '=', true))
    .$if(typeof filter.orgId === 'string', (q) => q.where('orgId', '=', filter.orgId as string))
    .execute();
}

export type AdjustmentRow = Awaited<ReturnType<typeof selectAdjustments>>[number];

/** Adjustments of the branch whose dates overlap [from, to]. */
export function selectOverlappingAdjustments(db: Db, branchId: string, from: string, to: string) {
  return db
    .selectFrom('branchAdjustments')
    .select(['id', fromDate, toDate])
    .where('branchId', '=', branchId)
    .where('fromDate', '<=', to)
    .where('toDate', '>=', from)
    .where('withdrawnAt', 'is', null)
    .execute();
}

export async function insertAdjustment(db: Db, row: AdjustmentInput & { id: string; branchId: string; orgId: string }) {
  await db
    .insertInto('branchAdjustments')
    .values({
      id: row.id,
      branchId: row.branchId,
      orgId: row.orgId,
      fromDate: row.from,
      toDate: row.to,
      closed: row.closed,
      hours: row.closed ? null : JSON.stringify(row.hours ?? []),
      reason: row.reason,
      publicNote: row.publicNote ?? null,
    })
    .execute();
}

export function selectChannels(db: Db, orgId: string | null) {
  let q = db.selectFrom('onlineChannels').select(['id', 'orgId', 'kind', 'name', 'address', 'services']).where('withdrawnAt', 'is', null);
  if (orgId !== null) q = q.where('orgId', '=', orgId);
  return q.orderBy('kind').execute();
}

/** One channel, with its institution and whether it was withdrawn. */
export function selectChannel(db: Db, id: string) {
  return db
    .selectFrom('onlineChannels')
    .select(['id', 'orgId', 'kind', 'name', 'address', 'services', 'withdrawnAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateChannel(db: Db, id: string, input: ChannelInput) {
  await db
    .updateTable('onlineChannels')
    .set({ ...input, services: JSON.stringify(input.services) })
    .where('id', '=', id)
    .execute();
}

export async function insertChannel(db: Db, row: ChannelInput & { id: string; orgId: string }) {
  await db
    .insertInto('onlineChannels')
    .values({ ...row, services: JSON.stringify(row.services) })
    .execute();
}

/** Branches, and those with adjusted hours or closed on some day of the period (one organisation or all). */
export async function countBranchFigures(db: Db, query: FigureQuery): Promise<Record<string, number>> {
  const inPeriod = (closed: boolean) =>
    db
      .selectFrom('branchAdjustments')
      .innerJoin('branches', 'branches.id', 'branchAdjustments.branchId')
      .select((eb) => eb.fn.count<string>('branchAdjustments.branchId').distinct().as('n'))
      .where('branchAdjustments.closed', '=', closed)
      .where('branchAdjustments.withdrawnAt', 'is', null)
      .where('branchAdjustments.fromDate', '<=', query.to)
      .where('branchAdjustments.toDate', '>=', query.from)
      .$if(query.orgId !== null, (q) => q.where('branches.orgId', '=', query.orgId as string))
      .executeTakeFirstOrThrow();
  const all = await db
    .selectFrom('branches')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .$if(query.orgId !== null, (q) => q.where('orgId', '=', query.orgId as string))
    .executeTakeFirstOrThrow();
  const [adjusted, closed] = await Promise.all([inPeriod(false), inPeriod(true)]);
  return { branches: Number(all.n), adjusted: Number(adjusted.n), closed: Number(closed.n) };
}

/** Another branch of the organisation with this code, if any. */
export function selectBranchIdByCode(db: Db, orgId: string, code: string, exceptId?: string) {
  return db
    .selectFrom('branches')
    .select('id')
    .where('orgId', '=', orgId)
    .where('code', '=', code)
    .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId as string))
    .executeTakeFirst();
}

/** Holds the branch's row until the transaction ends: changes of one branch then go one at a time. */
export async function lockBranch(db: Db, id: string) {
  await db.selectFrom('branches').select('id').where('id', '=', id).forUpdate().execute();
}

/** An institution's branches by id and by code, with their names: the roster names its branches by code. */
export function selectBranchCodes(db: Db, orgId: string) {
  return db.selectFrom('branches').select(['id', 'code', 'nameZh']).where('orgId', '=', orgId).execute();
}

/** Branch names by id, for the audit trail. */
export async function nameBranches(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('branches').select(['id', 'nameZh']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.nameZh]));
}

/** Channel names by id, for the audit trail. */
export async function nameChannels(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('onlineChannels').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The institutions with at least one branch in a district: "a district's institutions". */
export async function selectOrgIdsInDistrict(db: Db, districtCode: string): Promise<string[]> {
  const rows = await db.selectFrom('branches').select('orgId').distinct().where('districtCode', '=', districtCode).execute();
  return rows.map((r) => r.orgId);
}

/**
 * Branches closed on `on` by a closure of one of `reasons` lasting `minDays` days or more, per
 * institution (one when asked): the start of the earliest such closure, and the branches' names.
 */
export async function selectLongClosures(
  db: Db,
  query: { on: string; reasons: readonly string[]; minDays: number; orgId: string | null },
): Promise<{ orgId: string; since: string; branchNames: string[] }[]> {
  const rows = await db
    .selectFrom('branchAdjustments as a')
    .innerJoin('branches as b', 'b.id', 'a.branchId')
    .select(['a.orgId', 'a.branchId', 'b.nameZh', sql<string>`to_char(a.from_date, 'YYYY-MM-DD')`.as('fromDate')])
    .where('a.closed', '=', true)
    .where('a.withdrawnAt', 'is', null)
    .where('a.fromDate', '<=', query.on)
    .where('a.toDate', '>=', query.on)
    .where('a.reason', 'in', [...query.reasons])
    .where(sql<boolean>`a.to_date - a.from_date + 1 >= ${query.minDays}`)
    .$if(query.orgId !== null, (q) => q.where('a.orgId', '=', query.orgId as string))
    .orderBy('a.fromDate')
    .execute();
  const byOrg = new Map<string, { orgId: string; since: string; branches: Map<string, string> }>();
  for (const r of rows) {
    const entry = byOrg.get(r.orgId) ?? { orgId: r.orgId, since: r.fromDate, branches: new Map() };
    entry.branches.set(r.branchId, r.nameZh);
    byOrg.set(r.orgId, entry);
  }
  return [...byOrg.values()].map((e) => ({ orgId: e.orgId, since: e.since, branchNames: [...e.branches.values()] }));
}

/** How many branches the institution has. */
export async function countBranchesOf(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('branches')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('orgId', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
