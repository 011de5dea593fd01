import type { Insertable, Updateable } from 'kysely';
import type { Db, RecordScope } from '../../db/database.ts';
import type { Role, UsersTable } from '../../db/schema.ts';
import type { RevealLoader } from '../../platform/module.ts';

const COLUMNS = [
  'id',
  'orgId',
  'username',
  'role',
  'nameEnc',
  'mobileEnc',
  'emailEnc',
  'totpEnabledAt',
  'lockedUntil',
  'disabledAt',
  'mustChangePassword',
  'createdAt',
] as const;

/** Users of one organisation, or of all when orgId is null (the regulator's view). */
export function selectUsers(db: Db, scope: RecordScope) {
  let q = db.selectFrom('users').select(COLUMNS);
  if (scope.orgId !== null) q = q.where('orgId', '=', scope.orgId);
  return q.orderBy('username').execute();
}

/** The record, if it exists within the scope (an organisation's own records, or all). */
export function selectUser(db: Db, scope: RecordScope, id: string) {
  return db
    .selectFrom('users')
    .select(COLUMNS)
    .where('id', '=', id)
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .executeTakeFirst();
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
  const row = await db.selectFrom('users').select(['orgId', 'nameEnc', 'mobileEnc', 'emailEnc']).where('id', '=', id).executeTakeFirst();
  return row && { orgId: row.orgId, value: field === 'name' ? row.nameEnc : field === 'email' ? row.emailEnc : row.mobileEnc };
};

/** An institution's console users by username, for the roster's link to them. */
export function selectUsernames(db: Db, orgId: string) {
  return db.selectFrom('users').select(['id', 'username']).where('orgId', '=', orgId).execute();
}

/** The institution's staff who can be sent out: enabled administrators and staff, by user name. */
export function selectActiveStaff(db: Db, orgId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'nameEnc'])
    .where('orgId', '=', orgId)
    .where('role', 'in', ['institution_admin', 'institution_staff'])
    .where('disabledAt', 'is', null)
    .orderBy('username')
    .execute();
}

export async function updateUser(db: Db, id: string, set: Updateable<UsersTable>) {
  await db
    .updateTable('users')
    .set({ ...set, updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Accounts locked now, of one organisation or all. */
export async function countLockedUsers(db: Db, scope: RecordScope): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('lockedUntil', '>', new Date())
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Usernames by id, for the audit trail (the name itself is personal data). */
export async function nameUsers(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('users').select(['id', 'username']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}

/** Who receives what is sent to an organisation: its enabled users, of the roles given (all when none). */
export function selectActiveUserIds(db: Db, orgId: string, roles?: readonly Role[]) {
  return db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', orgId)
    .where('disabledAt', 'is', null)
    .$if(roles !== undefined && roles.length > 0, (q) => q.where('role', 'in', roles as Role[]))
    .execute();
}

/** How to reach these users outside the console (encrypted mobile and e-mail), for the notifications they asked for. */
export function selectUserContacts(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'orgId', 'mobileEnc', 'emailEnc']).where('id', 'in', ids).execute();
}
