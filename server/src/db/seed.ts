import { perDistrictFor, seedBranches } from '../modules/branches/demo.ts';
import { seedOrganizations } from '../modules/organizations/demo.ts';
import { seedServiceDemo } from '../modules/service-levels/demo.ts';
import { seedUsers } from '../modules/users/demo.ts';
import type { KeyRing } from '../platform/pii/keys.ts';
import type { Db } from './database.ts';

/** Each module seeds its demo data here, in dependency order. Every seeder is idempotent. */
export async function seedDemoData(
  db: Db,
  keys: KeyRing,
  options: { branches?: boolean; branchCount?: number } = {},
): Promise<Record<string, number>> {
  const organizations = await seedOrganizations(db);
  const users = await seedUsers(db, keys);
  // Several thousand branches: tests that do not look at the network skip them.
  const branches =
    options.branches === false
      ? 0
      : await seedBranches(db, options.branchCount === undefined ? undefined : perDistrictFor(options.branchCount));
  const served = options.branches === false ? 0 : await seedServiceDemo(db, keys);
  return { organizations, users, branches, served };
}

/** True when the database has never been seeded (first start). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}
