import type { ZoneLevel } from '@shouhu/common';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** A zone as it is stored: the district derived from the street, dates as "YYYY-MM-DD". */
export interface NewZoneRow {
  id: string;
  name: string;
  districtCode: string;
  streetCode: string;
  committeeCode?: string | null;
  lat: number | null;
  lng: number | null;
  wholeStreet: boolean;
  level: ZoneLevel;
  fromDate: string;
  toDate: string | null;
}

export function insertZoneRows(db: Db, rows: NewZoneRow[]) {
  return db.insertInto('lockdownZones').values(rows).execute();
}

/** A zone as the API shows it: dates as "YYYY-MM-DD". */
const ZONE_COLUMNS = [
  'id',
  'name',
  'districtCode',
  'streetCode',
  'committeeCode',
  'lat',
  'lng',
  'wholeStreet',
  'level',
  sql<string>`to_char(from_date, 'YYYY-MM-DD')`.as('from'),
  sql<string | null>`to_char(to_date, 'YYYY-MM-DD')`.as('to'),
] as const;

/** The zones in force on a date (open-ended ones included), by district. */
export function selectZonesOn(db: Db, on: string) {
  return db
    .selectFrom('lockdownZones')
    .select(ZONE_COLUMNS)
    .where('fromDate', '<=', on)
    .where((eb) => eb.or([eb('toDate', 'is', null), eb('toDate', '>=', on)]))
    .where('withdrawnAt', 'is', null)
    .orderBy('districtCode')
    .execute();
}

/** One zone as stored, and whether it was withdrawn. */
export function selectZone(db: Db, id: string) {
  return db
    .selectFrom('lockdownZones')
    .select([...ZONE_COLUMNS, 'withdrawnAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateZoneRow(db: Db, row: NewZoneRow) {
  const { id, ...changes } = row;
  await db.updateTable('lockdownZones').set(changes).where('id', '=', id).execute();
}

/** Withdraws a zone still in force; answers whether it was. */
export async function markZoneWithdrawn(db: Db, id: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('lockdownZones')
    .set({ withdrawnAt: sql`now()`, withdrawnReason: reason })
    .where('id', '=', id)
    .where('withdrawnAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Zone names by id, for the audit trail. */
export async function nameZones(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('lockdownZones').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
