import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { IDLE_TIMEOUT_MS } from './service.ts';

/** Whether a session is still live: not revoked, not past its end or idle limit, its user not disabled. */
export async function isSessionLive(db: Db, sessionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sessions')
    .leftJoin('users', 'users.id', 'sessions.userId')
    .select(['sessions.lastSeenAt', 'users.disabledAt'])
    .where('sessions.id', '=', sessionId)
    .where('sessions.revokedAt', 'is', null)
    .where('sessions.expiresAt', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return !!row && !row.disabledAt && Date.now() - new Date(row.lastSeenAt).getTime() <= IDLE_TIMEOUT_MS;
}

interface Watch {
  db: Db;
  sessionId: string;
  end: () => void;
}
const watches = new Set<Watch>();

/**
 * Ends a long-lived answer (an event stream) when its session ends: at the session's end time, or
 * as soon as a change of sessions is announced (sign-out, revocation, user disabled) and the
 * session is found no longer live. Returns the function that stops watching.
 */
export async function watchSession(db: Db, sessionId: string, end: () => void): Promise<() => void> {
  const row = await db.selectFrom('sessions').select('expiresAt').where('id', '=', sessionId).executeTakeFirst();
  const watch: Watch = { db, sessionId, end };
  watches.add(watch);
  const left = row ? new Date(row.expiresAt).getTime() - Date.now() : 0;
  const timer = setTimeout(end, Math.max(0, Math.min(left, 2 ** 31 - 1)));
  return () => {
    clearTimeout(timer);
    watches.delete(watch);
  };
}

/** Checks every watched session again; called when any process announces a change of sessions. */
export async function checkWatchedSessions(): Promise<void> {
  await Promise.all(
    [...watches].map(async (w) => {
      if (!(await isSessionLive(w.db, w.sessionId).catch(() => true))) w.end();
    }),
  );
}
