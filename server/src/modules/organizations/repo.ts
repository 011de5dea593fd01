import { INSTITUTION_KINDS, type OrganizationKind } from '@shouhu/common';
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { OrganizationsTable } from '../../db/schema.ts';

const COLUMNS = ['id', 'code', 'kind', 'nameZh', 'nameEn', 'uscc', 'parentId', 'partnerKind', 'committeeCode'] as const;

export function selectOrganizations(db: Db, filter: { kind?: OrganizationKind }) {
  let query = db.selectFrom('organizations').select(COLUMNS);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  return query.orderBy('kind').orderBy('code').execute();
}

export function selectOrganization(db: Db, id: string) {
  return db.selectFrom('organizations').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function upsertOrganization(db: Db, org: Insertable<OrganizationsTable>): Promise<void> {
  await db
    .insertInto('organizations')
    .values(org)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'),
        nameZh: eb.ref('excluded.nameZh'),
        nameEn: eb.ref('excluded.nameEn'),
        parentId: eb.ref('excluded.parentId'),
        partnerKind: eb.ref('excluded.partnerKind'),
        committeeCode: eb.ref('excluded.committeeCode'),
        updatedAt: eb.fn('now'),
      })),
    )
    .execute();
}

export function selectOrganizationIdByCode(db: Db, code: string) {
  return db.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirst();
}

export async function insertOrganization(db: Db, org: Insertable<OrganizationsTable>): Promise<void> {
  await db.insertInto('organizations').values(org).execute();
}

export async function updateOrganization(
  db: Db,
  id: string,
  changes: { nameZh?: string; nameEn?: string; uscc?: string | null; parentId?: string | null },
): Promise<void> {
  await db
    .updateTable('organizations')
    .set({ ...changes, updatedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Which of these organisations are institutions (banks, insurers). */
export function selectInstitutionIds(db: Db, orgIds: string[]) {
  return db
    .selectFrom('organizations')
    .select('id')
    .where('id', 'in', orgIds)
    .where('kind', 'in', [...INSTITUTION_KINDS])
    .execute();
}

/** True when every organisation given is an institution: a condition for a statement that writes for them. */
export const areInstitutions = (orgIds: string[]) =>
  sql<boolean>`not exists (select 1 from unnest(${orgIds}::uuid[]) as asked(id)
    where not exists (select 1 from organizations o where o.id = asked.id and o.kind = any(${[...INSTITUTION_KINDS]}::text[])))`;

/** The Chinese names of these organisations. */
export function selectOrganizationNames(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organizations').select(['id', 'nameZh']).where('id', 'in', ids).execute();
}

export function selectOrganizationIdByUscc(db: Db, uscc: string) {
  return db.selectFrom('organizations').select('id').where('uscc', '=', uscc).executeTakeFirst();
}

/** Organisation names by id, for the audit trail. */
export async function nameOrganizations(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('organizations').select(['id', 'nameZh']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.nameZh]));
}
