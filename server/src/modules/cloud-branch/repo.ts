import { OPEN_VIDEO_STATUSES, type VideoSessionStatus } from '@shouhu/common';
import { type Insertable, sql, type Updateable } from 'kysely';
import { type Db, daysAgo, type RecordScope, shanghaiDay, shanghaiMidnight } from '../../db/database.ts';
import type { VideoSessionsTable } from '../../db/schema.ts';

const COLUMNS = [
  'id',
  'reference',
  'orgId',
  'service',
  'mobileEnc',
  'mobileHash',
  'status',
  'joinedAt',
  'slotAt',
  'agentUserId',
  'takenAt',
  'room',
  'residentIdEnc',
  'nameMatched',
  'livenessPassed',
  'identityCheckedAt',
  'outcomeNoteEnc',
] as const;

/** The record, if it exists within the scope (an organisation's own records, or all). */
export function selectVideoSession(db: Db, scope: RecordScope, id: string) {
  return db
    .selectFrom('videoSessions')
    .select(COLUMNS)
    .where('id', '=', id)
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .executeTakeFirst();
}
export type VideoSessionRow = NonNullable<Awaited<ReturnType<typeof selectVideoSession>>>;

export function selectVideoSessions(
  db: Db,
  filter: { orgId?: string; service?: string; mobileHash?: string; statuses: readonly VideoSessionStatus[]; limit: number },
) {
  let q = db
    .selectFrom('videoSessions')
    .select(COLUMNS)
    .where('status', 'in', [...filter.statuses]);
  if (filter.orgId) q = q.where('orgId', '=', filter.orgId);
  if (filter.service) q = q.where('service', '=', filter.service);
  if (filter.mobileHash) q = q.where('mobileHash', '=', filter.mobileHash);
  return q.orderBy('joinedAt').orderBy('id').limit(filter.limit).execute();
}

/** A session by its public reference, for tracking (the caller checks the mobile). */
export function selectVideoSessionByReference(db: Db, reference: string) {
  return db
    .selectFrom('videoSessions')
    .select([...COLUMNS, 'closedAt'])
    .where('reference', '=', reference)
    .executeTakeFirst();
}

/** A citizen's sessions of every status, newest first. */
export function selectVideoSessionsOf(db: Db, mobileHash: string, limit: number) {
  return db
    .selectFrom('videoSessions')
    .select([...COLUMNS, 'closedAt'])
    .where('mobileHash', '=', mobileHash)
    .orderBy('joinedAt', 'desc')
    .limit(limit)
    .execute();
}

/** The waiting line of one queue, in order: only ids and times, for the in-memory positions. */
export function selectWaiting(db: Db, orgId: string, service: string) {
  return db
    .selectFrom('videoSessions')
    .select(['id'])
    .where('orgId', '=', orgId)
    .where('service', '=', service)
    .where('status', '=', 'waiting')
    .orderBy('joinedAt')
    .orderBy('id')
    .execute();
}

/** Every queue with someone waiting, to load them all at start. */
export function selectActiveQueues(db: Db) {
  return db.selectFrom('videoSessions').select(['orgId', 'service']).where('status', '=', 'waiting').distinct().execute();
}

/** How fast a queue moves: minutes per customer (last 50 served) and agents active in the last 30 minutes. */
export async function selectQueuePace(db: Db, orgId: string, service: string): Promise<{ minutesEach: number; agents: number }> {
  const row = await sql<{ minutes: number | null; agents: number }>`
    select
      (select avg(extract(epoch from closed_at - taken_at)) / 60 from (
        select closed_at, taken_at from video_sessions
        where org_id = ${orgId} and service = ${service} and status = 'served' and taken_at is not null
        order by closed_at desc limit 50) recent) as minutes,
      (select count(distinct agent_user_id)::int from video_sessions
        where org_id = ${orgId} and service = ${service} and taken_at > now() - interval '30 minutes') as agents`.execute(db);
  const pace = row.rows[0];
  return { minutesEach: Number(pace?.minutes ?? 6) || 6, agents: Math.max(1, Number(pace?.agents ?? 0)) };
}

export async function insertVideoSession(db: Db, row: Insertable<VideoSessionsTable>) {
  await db.insertInto('videoSessions').values(row).execute();
}

/** Changes a session only from the given statuses; answers whether it changed (so two agents cannot both take one). */
export async function updateVideoSession(
  db: Db,
  id: string,
  from: readonly VideoSessionStatus[],
  changes: Updateable<VideoSessionsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('videoSessions')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Takes the first waiting customer of a queue (or of all the institution's) for an agent. SKIP LOCKED: agents asking at the
 * same moment each get a different customer, and none waits on another's transaction.
 */
export async function takeNextWaiting(db: Db, orgId: string, service: string | undefined, agentUserId: string, room: string) {
  const next = await db
    .selectFrom('videoSessions')
    .select(['id', 'service'])
    .where('orgId', '=', orgId)
    .$if(service !== undefined, (q) => q.where('service', '=', service as string))
    .where('status', '=', 'waiting')
    .orderBy('joinedAt')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!next) return undefined;
  await db
    .updateTable('videoSessions')
    .set({ status: 'serving', agentUserId, takenAt: sql`now()`, room })
    .where('id', '=', next.id)
    .execute();
  return next;
}

/** Bookings whose slot has come join the line, placed by their slot time. */
export async function promoteDueBookings(db: Db) {
  return db
    .updateTable('videoSessions')
    .set({ status: 'waiting', joinedAt: sql`slot_at` })
    .where('status', '=', 'booked')
    .where('slotAt', '<=', sql<Date>`now()`)
    .returning(['orgId', 'service'])
    .execute();
}

/**
 * Video sessions joined in the last days, with the times their targets measure. Bookings not yet
 * due are not in the line; a customer who left stopped the clock.
 */
export function selectTimedVideoSessions(db: Db, scope: RecordScope, days: number) {
  return db
    .selectFrom('videoSessions')
    .select([
      'id',
      'orgId',
      'reference',
      'service',
      'joinedAt as start',
      sql<Date | null>`coalesce(taken_at, case when status = 'left' then closed_at end)`.as('firstAt'),
      'closedAt as doneAt',
    ])
    .where('joinedAt', '>', daysAgo(days))
    .where('status', '!=', 'booked')
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .execute();
}

/** Sessions served per Shanghai day and institution, since a date. */
export function countServedVideoSessionsByDay(db: Db, scope: RecordScope, since: string) {
  return db
    .selectFrom('videoSessions')
    .select(['orgId', shanghaiDay('closed_at').as('day'), sql<number>`count(*)::int`.as('n')])
    .where('status', '=', 'served')
    .where('closedAt', '>=', shanghaiMidnight(since))
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .groupBy(['orgId', sql`2`])
    .execute();
}

/** The customer's session still open in this institution's queue for the service, if any. */
export function selectOpenSession(db: Db, key: { orgId: string; service: string; mobileHash: string }) {
  return db
    .selectFrom('videoSessions')
    .select('id')
    .where('orgId', '=', key.orgId)
    .where('service', '=', key.service)
    .where('mobileHash', '=', key.mobileHash)
    .where('status', 'in', [...OPEN_VIDEO_STATUSES])
    .executeTakeFirst();
}

/** The institution's own record of a customer, found by the keyed hash of the resident ID. */
export function selectCustomerRecord(db: Db, scope: { orgId: string }, residentIdHash: string) {
  return db
    .selectFrom('customerRecords')
    .select('nameEnc')
    .where('orgId', '=', scope.orgId)
    .where('residentIdHash', '=', residentIdHash)
    .executeTakeFirst();
}

export async function upsertCustomerRecord(db: Db, row: { id: string; orgId: string; residentIdHash: string; nameEnc: string }) {
  await db
    .insertInto('customerRecords')
    .values(row)
    .onConflict((oc) => oc.columns(['orgId', 'residentIdHash']).doUpdateSet({ nameEnc: row.nameEnc }))
    .execute();
}

/** Customers of the institution waiting in its video queue now. */
export async function countWaitingSessions(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('videoSessions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('orgId', '=', orgId)
    .where('status', '=', 'waiting')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** References by id, for the audit trail (no personal data). */
export async function nameVideoSessions(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('videoSessions').select(['id', 'reference']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.reference]));
}
