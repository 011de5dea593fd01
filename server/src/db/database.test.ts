import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createMemoryKeyRing } from '../platform/pii/keys.ts';
import { openTestDatabase, testDatabaseKind } from '../test/database.ts';
import { findPendingMigrations, knownMigrations, migrateToLatest } from './database.ts';
import { isDatabaseEmpty, seedDemoData } from './seed.ts';

describe(`database (${testDatabaseKind})`, () => {
  it('is not ready until migrated, then ready; migrating again changes nothing', async () => {
    const database = await openTestDatabase({ migrate: false });
    try {
      expect(await findPendingMigrations(database.db)).toEqual(knownMigrations);
      const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, keys: createMemoryKeyRing() });
      const before = await app.inject('/readyz');
      expect(before.statusCode).toBe(503);
      expect(before.json()).toMatchObject({ status: 'unavailable', pendingMigrations: knownMigrations });
      expect(await migrateToLatest(database.db)).toEqual(knownMigrations);
      expect(await migrateToLatest(database.db)).toEqual([]);
      expect((await app.inject('/readyz')).statusCode).toBe(200);
      await app.close();
    } finally {
      await database.close();
    }
  });

  it('answers 503 when the database is gone', async () => {
    const database = await openTestDatabase();
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, keys: createMemoryKeyRing() });
    await database.close();
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', reason: 'database unreachable' });
    await app.close();
  });

  it('seeds demo data once and can refresh it', async () => {
    const database = await openTestDatabase();
    try {
      expect(await isDatabaseEmpty(database.db)).toBe(true);
      const first = await seedDemoData(database.db, createMemoryKeyRing());
      expect(first).toMatchObject({ organizations: 30, users: 17 });
      expect(first.branches).toBeGreaterThan(2000);
      await seedDemoData(database.db, createMemoryKeyRing());
      const count = await database.db
        .selectFrom('organizations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(30);
      expect(await isDatabaseEmpty(database.db)).toBe(false);
    } finally {
      await database.close();
    }
  });
});
