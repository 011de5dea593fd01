import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { HolidayOverridesTable } from '../../db/schema.ts';

// Dates are read as "YYYY-MM-DD" text: both drivers would otherwise make Dates at a time zone's midnight.
export function selectHolidayOverrides(db: Db) {
  return db
    .selectFrom('holidayOverrides')
    .select([sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'kind', 'name'])
    .orderBy('date')
    .execute();
}

export async function upsertHolidayOverride(db: Db, row: Insertable<HolidayOverridesTable>) {
  await db
    .insertInto('holidayOverrides')
    .values(row)
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: row.kind, name: row.name }))
    .execute();
}

export async function deleteHolidayOverride(db: Db, date: string) {
  await db.deleteFrom('holidayOverrides').where(sql`date`, '=', date).execute();
}
