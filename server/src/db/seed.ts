import { seedOrganizations } from '../modules/organizations/demo.ts';
import type { Db } from './database.ts';

/** Each module seeds its demo data here, in dependency order. Every seeder is idempotent. */
export async function seedDemoData(db: Db): Promise<Record<string, number>> {
  return { organizations: await seedOrganizations(db) };
}

/** True when the database has never been seeded (first start). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}
