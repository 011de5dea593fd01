import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { forgetSessions } from './session-cache.ts';

export function selectUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

export function selectUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof selectUserById>>>;

/** Password and second-factor failures count apart: a right password does not forgive wrong codes. */
export type FailureCounter = 'failedAttempts' | 'mfaFailedAttempts';

/**
 * Takes one of the checks allowed before a lockout, before checking: false when the account is
 * locked or every allowed check is already taken, by finished failures or by checks in flight.
 * So concurrent attempts can never make more checks than `maxAttempts`.
 */
export async function reserveCheck(db: Db, userId: string, counter: FailureCounter, maxAttempts: number): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ [counter]: sql<number>`${eb.ref(counter)} + 1` }))
    .where('id', '=', userId)
    .where(counter, '<', maxAttempts)
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<=', sql<Date>`now()`)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** After a reserved check failed: locks the account once every allowed check has failed. */
export async function settleFailedCheck(
  db: Db,
  userId: string,
  counter: FailureCounter,
  maxAttempts: number,
  lockMinutes: number,
): Promise<{ locked: boolean }> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({
      [counter]: sql<number>`case when ${eb.ref(counter)} >= ${maxAttempts} then 0 else ${eb.ref(counter)} end`,
      lockedUntil: sql<Date>`case when ${eb.ref(counter)} >= ${maxAttempts} then now() + ${`${lockMinutes} minutes`}::interval else ${eb.ref('lockedUntil')} end`,
    }))
    .where('id', '=', userId)
    .returning(['lockedUntil'])
    .executeTakeFirstOrThrow();
  return { locked: row.lockedUntil !== null && new Date(row.lockedUntil) > new Date() };
}

/** After a reserved check passed: that counter starts again. */
export async function clearFailures(db: Db, userId: string, counter: FailureCounter): Promise<void> {
  await db
    .updateTable('users')
    .set({ [counter]: 0 })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(
  db: Db,
  session: {
    id: string;
    tokenHash: string;
    kind: 'staff' | 'citizen';
    userId: string | null;
    mobileHash: string | null;
    mfaPassed: boolean;
    csrfHash: string;
    expiresAt: Date;
  },
): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export async function markSessionMfaPassed(db: Db, id: string): Promise<void> {
  forgetSessions();
  await db.updateTable('sessions').set({ mfaPassed: true }).where('id', '=', id).execute();
}

export async function revokeSession(db: Db, id: string): Promise<void> {
  forgetSessions();
  await db.updateTable('sessions').set({ revokedAt: sql`now()` }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}

/** Revokes every live session of a user, except `keep` (the one changing the password). */
export async function revokeUserSessions(db: Db, userId: string, keep?: string): Promise<number> {
  forgetSessions();
  let q = db.updateTable('sessions').set({ revokedAt: sql`now()` }).where('userId', '=', userId).where('revokedAt', 'is', null);
  if (keep) q = q.where('id', '!=', keep);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
