import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';

export function insertApiToken(
  db: Db,
  row: {
    id: string;
    orgId: string;
    name: string;
    tokenHash: string;
    scopes: string[];
    expiresAt: Date;
    createdBy: string | null;
    role: Role;
  },
) {
  return db
    .insertInto('apiTokens')
    .values({ ...row, scopes: JSON.stringify(row.scopes) })
    .execute();
}

export function selectApiTokens(db: Db, orgId: string) {
  return db.selectFrom('apiTokens').selectAll().where('orgId', '=', orgId).orderBy('createdAt', 'desc').execute();
}

/** One token, only when it belongs to the organisation asking. */
export function selectApiToken(db: Db, scope: { orgId: string }, id: string) {
  return db.selectFrom('apiTokens').select(['id', 'orgId']).where('id', '=', id).where('orgId', '=', scope.orgId).executeTakeFirst();
}

export function revokeApiTokenRow(db: Db, id: string) {
  return db.updateTable('apiTokens').set({ revokedAt: sql`now()` }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}

/** The live token a bearer header carries: not revoked, not expired. */
export function selectLiveApiToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('apiTokens')
    .select(['id', 'orgId', 'scopes', 'role', 'lastUsedAt'])
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

export function touchApiToken(db: Db, id: string) {
  return db.updateTable('apiTokens').set({ lastUsedAt: new Date() }).where('id', '=', id).execute();
}
