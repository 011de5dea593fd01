import { MODULES } from '../modules/index.ts';
import type { SeedOptions } from '../platform/module.ts';
import type { KeyRing } from '../platform/pii/keys.ts';
import type { Db } from './database.ts';

/** Every module seeds its demo data, in the order of the module list; every seeder is idempotent. */
export async function seedDemoData(db: Db, keys: KeyRing, options: SeedOptions = {}): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const module of MODULES) if (module.seed) counts[module.name] = await module.seed(db, keys, options);
  return counts;
}

/** True when the database has never been seeded (first start). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}
