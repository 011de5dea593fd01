import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { UsersTable } from '../../db/schema.ts';
import type { RevealLoader } from '../../platform/module.ts';

const COLUMNS = [
  'id',
  'orgId',
  'username',
  'role',
  'nameEnc',
  'mobileEnc',
  'totpEnabledAt',
  'lockedUntil',
  'disabledAt',
  'mustChangePassword',
  'createdAt',
] as const;

/** Users of one organisation, or of all when orgId is null (the regulator's view). */
export function selectUsers(db: Db, scope: { orgId: string | null }) {
  let q = db.selectFrom('users').select(COLUMNS);
  if (scope.orgId !== null) q = q.where('orgId', '=', scope.orgId);
  return q.orderBy('username').execute();
}

export function selectUser(db: Db, id: string) {
  return db.selectFrom('users').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export type UserListRow = NonNullable<Awaited<ReturnType<typeof selectUser>>>;

export async function insertUser(db: Db, user: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export function isUsernameTaken(db: Db, username: string) {
  return db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst().then(Boolean);
}

/** A user's encrypted name or mobile, with the user's organisation, for a reveal. */
export const loadUserSecret: RevealLoader = async (db, id, field) => {
  const row = await db.selectFrom('users').select(['orgId', 'nameEnc', 'mobileEnc']).where('id', '=', id).executeTakeFirst();
  return row && { orgId: row.orgId, value: field === 'name' ? row.nameEnc : row.mobileEnc };
};
