import type { ClockEvent } from '@shouhu/common';
import type { Insertable } from 'kysely';
import type { Db, RecordScope } from '../../db/database.ts';
import type { ComplaintsTable } from '../../db/schema.ts';

export type NewComplaintRow = Omit<Insertable<ComplaintsTable>, 'clock' | 'createdAt' | 'updatedAt'> & { clock: StoredClockEvent[] };
export type StoredClockEvent = { type: string; at: string; reason?: string; approvedBy?: string };

/** The clock's events as the jsonb column keeps them (instants as ISO strings), and back. */
export const toStoredClock = (events: readonly ClockEvent[]): StoredClockEvent[] => events.map((e) => ({ ...e, at: e.at.toISOString() }));
export const toClockEvents = (stored: readonly StoredClockEvent[]): ClockEvent[] =>
  stored.map((e) => ({ ...e, at: new Date(e.at) }) as ClockEvent);

export async function insertComplaint(db: Db, row: NewComplaintRow) {
  await db
    .insertInto('complaints')
    .values({ ...row, clock: JSON.stringify(row.clock) })
    .execute();
}

const COLUMNS = [
  'id',
  'reference',
  'orgId',
  'channel',
  'status',
  'nameEnc',
  'mobileEnc',
  'mobileHash',
  'people',
  'staffNamedEnc',
  'unitNamed',
  'claimEnc',
  'factsEnc',
  'groundsEnc',
  'clock',
  'receivedAt',
  'dueAt',
  'decisionEnc',
  'decidedAt',
  'updatedAt',
] as const;

/** The institution's complaints, the soonest due first. */
export function selectComplaints(db: Db, scope: RecordScope, filter: { status?: string } = {}) {
  return db
    .selectFrom('complaints')
    .select(COLUMNS)
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status as string))
    .orderBy('dueAt', 'asc')
    .orderBy('receivedAt', 'asc')
    .limit(500)
    .execute();
}
export type ComplaintRow = Awaited<ReturnType<typeof selectComplaints>>[number];

export function selectComplaint(db: Db, scope: RecordScope, id: string) {
  return db
    .selectFrom('complaints')
    .select(COLUMNS)
    .where('id', '=', id)
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .executeTakeFirst();
}

export function selectComplaintByReference(db: Db, reference: string) {
  return db.selectFrom('complaints').select(COLUMNS).where('reference', '=', reference).executeTakeFirst();
}

/** Locks the complaint's row for a step: two handlers acting at once take turns. */
export function lockComplaint(db: Db, id: string) {
  return db.selectFrom('complaints').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateComplaint(
  db: Db,
  id: string,
  set: { status: string; clock: StoredClockEvent[]; dueAt: Date | null; decisionEnc?: string; decidedAt?: Date },
) {
  await db
    .updateTable('complaints')
    .set({ ...set, clock: JSON.stringify(set.clock), updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

/** References, for the audit trail's names (no personal data). */
export async function nameComplaints(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('complaints').select(['id', 'reference']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.reference]));
}
