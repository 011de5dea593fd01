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

export async function recordFailedSignIn(db: Db, userId: string, maxAttempts: number, lockMinutes: number): Promise<{ locked: boolean }> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({
      failedAttempts: sql<number>`case when ${eb.ref('failedAttempts')} + 1 >= ${maxAttempts} then 0 else ${eb.ref('failedAttempts')} + 1 end`,
      lockedUntil: sql<Date>`case when ${eb.ref('failedAttempts')} + 1 >= ${maxAttempts} then now() + ${`${lockMinutes} minutes`}::interval else ${eb.ref('lockedUntil')} end`,
    }))
    .where('id', '=', userId)
    .returning(['failedAttempts', 'lockedUntil'])
    .executeTakeFirstOrThrow();
  return { locked: row.lockedUntil !== null && new Date(row.lockedUntil) > new Date() };
}

export async function clearFailedSignIns(db: Db, userId: string): Promise<void> {
  await db.updateTable('users').set({ failedAttempts: 0, lockedUntil: null }).where('id', '=', userId).execute();
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
