import type { HomeVisitStatus } from '@shouhu/common';
import { sql, type Updateable } from 'kysely';
import { type Db, daysAgo, type RecordScope, shanghaiDay, shanghaiMidnight } from '../../db/database.ts';
import type { HomeVisitsTable } from '../../db/schema.ts';
import type { RevealLoader } from '../../platform/module.ts';

const COLUMNS = [
  'id',
  'reference',
  'orgId',
  'service',
  'nameEnc',
  'mobileEnc',
  'mobileHash',
  'districtCode',
  'streetCode',
  'committeeCode',
  'compound',
  'compoundEnc',
  'addressEnc',
  'reason',
  'windows',
  'status',
  'raisedBy',
  'residentIdEnc',
  'documents',
  'identityCheckedAt',
  'assignedUserId',
  'scheduledAt',
  'outcomeNoteEnc',
  'earlyReasonEnc',
  'createdAt',
  'updatedAt',
] as const;

/** The record, if it exists within the scope (an organisation's own records, or all). */
export function selectHomeVisit(db: Db, scope: RecordScope, id: string) {
  return db
    .selectFrom('homeVisits')
    .select(COLUMNS)
    .where('id', '=', id)
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .executeTakeFirst();
}
export type HomeVisitRow = NonNullable<Awaited<ReturnType<typeof selectHomeVisit>>>;

export function selectHomeVisits(db: Db, filter: { orgId?: string; mobileHash?: string; status?: HomeVisitStatus; limit: number }) {
  let q = db.selectFrom('homeVisits').select(COLUMNS);
  if (filter.orgId) q = q.where('orgId', '=', filter.orgId);
  if (filter.mobileHash) q = q.where('mobileHash', '=', filter.mobileHash);
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('createdAt', 'desc').limit(filter.limit).execute();
}

export function selectHomeVisitByReference(db: Db, reference: string) {
  return db
    .selectFrom('homeVisits')
    .select(['reference', 'orgId', 'mobileHash', 'service', 'status', 'scheduledAt', 'createdAt', 'updatedAt'])
    .where('reference', '=', reference)
    .executeTakeFirst();
}

/**
 * Moves a request on only from the statuses given: two staff acting at once cannot both move it,
 * and a step taken out of order changes nothing. Answers whether it moved.
 */
export async function updateHomeVisit(
  db: Db,
  id: string,
  from: readonly HomeVisitStatus[],
  changes: Updateable<HomeVisitsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('homeVisits')
    .set({ ...changes, updatedAt: sql`now()` })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Encrypts the compounds that migration 0009 found in clear (rows written before it), in
 * batches; run at start, where the keys are. Answers how many rows it moved.
 */
export async function encryptPlainCompounds(db: Db, encrypt: (value: string) => string): Promise<number> {
  let moved = 0;
  for (;;) {
    const rows = await db.selectFrom('homeVisits').select(['id', 'compound']).where('compound', 'is not', null).limit(500).execute();
    if (rows.length === 0) return moved;
    for (const row of rows) {
      await db
        .updateTable('homeVisits')
        .set({ compoundEnc: encrypt(row.compound as string), compound: null })
        .where('id', '=', row.id)
        .execute();
    }
    moved += rows.length;
  }
}

/** One encrypted field of a home visit, with its institution, for a reveal. */
export const loadHomeVisitSecret: RevealLoader = async (db, id, field) => {
  const row = await db
    .selectFrom('homeVisits')
    .select(['orgId', 'nameEnc', 'mobileEnc', 'compoundEnc', 'addressEnc'])
    .where('id', '=', id)
    .executeTakeFirst();
  const columns = { name: row?.nameEnc, mobile: row?.mobileEnc, compound: row?.compoundEnc, address: row?.addressEnc };
  return row && { orgId: row.orgId, value: columns[field as keyof typeof columns] ?? null };
};

/** Home visits raised in the last days, with the times their service-level targets measure. */
export function selectTimedHomeVisits(db: Db, scope: RecordScope, days: number) {
  return db
    .selectFrom('homeVisits')
    .select(['id', 'orgId', 'reference', 'service', 'createdAt as start', 'firstResponseAt as firstAt', 'completedAt as doneAt'])
    .where('createdAt', '>', daysAgo(days))
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .execute();
}

/** Home visits done (wholly or partly) per Shanghai day and institution, since a date. */
export function countServedHomeVisitsByDay(db: Db, scope: RecordScope, since: string) {
  return db
    .selectFrom('homeVisits')
    .select(['orgId', shanghaiDay('completed_at').as('day'), sql<number>`count(*)::int`.as('n')])
    .where('status', 'in', ['done', 'partly_done'])
    .where('completedAt', '>=', shanghaiMidnight(since))
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .groupBy(['orgId', sql`2`])
    .execute();
}

/** An institution's requests still to accept, and its visits scheduled within [start, end). */
export async function countWaitingHomeVisits(db: Db, orgId: string, start: Date, end: Date) {
  const row = await db
    .selectFrom('homeVisits')
    .select((eb) => [
      eb.fn.count<string>('id').filterWhere('status', '=', 'requested').as('requested'),
      eb.fn
        .count<string>('id')
        .filterWhere((w) => w.and([w('status', '=', 'scheduled'), w('scheduledAt', '>=', start), w('scheduledAt', '<', end)]))
        .as('today'),
    ])
    .where('orgId', '=', orgId)
    .executeTakeFirstOrThrow();
  return { requested: Number(row.requested), today: Number(row.today) };
}

/** References by id, for the audit trail (no personal data). */
export async function nameHomeVisits(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('homeVisits').select(['id', 'reference']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.reference]));
}

/** Scheduled visits whose time falls between two instants (still scheduled: not yet closed). */
export function selectScheduledBetween(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('homeVisits')
    .select(['id', 'orgId', 'reference', 'assignedUserId', 'scheduledAt'])
    .where('status', '=', 'scheduled')
    .where('scheduledAt', '>=', from)
    .where('scheduledAt', '<', to)
    .execute();
}
