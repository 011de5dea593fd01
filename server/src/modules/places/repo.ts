import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CompoundsTable, GridsTable } from '../../db/schema.ts';

export function selectCompounds(db: Db, committeeCode: string) {
  return db
    .selectFrom('compounds')
    .select(['id', 'committeeCode', 'name', 'address', 'lat', 'lng'])
    .where('committeeCode', '=', committeeCode)
    .orderBy('name')
    .execute();
}

export function selectCompoundByName(db: Db, committeeCode: string, name: string) {
  return db.selectFrom('compounds').select('id').where('committeeCode', '=', committeeCode).where('name', '=', name).executeTakeFirst();
}

export async function insertCompound(db: Db, row: Insertable<CompoundsTable>) {
  await db.insertInto('compounds').values(row).execute();
}

const GRID_COLUMNS = ['id', 'orgId', 'districtCode', 'name', 'committeeCodes', 'updatedAt'] as const;

/** Grids of one organisation, or every one (null) with the districts' grids. */
export function selectGrids(db: Db, scope: { orgId: string | null }) {
  return db
    .selectFrom('grids')
    .select(GRID_COLUMNS)
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .orderBy('name')
    .execute();
}

export function selectGrid(db: Db, id: string) {
  return db.selectFrom('grids').select(GRID_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function insertGrid(db: Db, row: Insertable<GridsTable>) {
  await db.insertInto('grids').values(row).execute();
}

export async function updateGrid(db: Db, id: string, changes: Updateable<GridsTable>) {
  await db.updateTable('grids').set(changes).where('id', '=', id).execute();
}

export async function countPlaces(db: Db) {
  const [compounds, grids] = await Promise.all([
    db
      .selectFrom('compounds')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('grids')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { compounds: Number(compounds.n), grids: Number(grids.n) };
}
