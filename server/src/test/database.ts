import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, migrateToLatest, openDatabase } from '../db/database.ts';

/**
 * A database of the test file's own: in-memory PGlite by default, or a fresh database on the
 * PostgreSQL server at TEST_DATABASE_URL (dropped on close), so test files never share state.
 */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<Database> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  let database: Database;
  if (!adminUrl) {
    database = await openDatabase({ dataDir: null });
  } else {
    const scratch = await createScratchDatabase(adminUrl, 'shouhu_test');
    const opened = await openDatabase({ url: scratch.url });
    database = {
      ...opened,
      close: async () => {
        await opened.close();
        await scratch.drop();
      },
    };
  }
  if (options.migrate !== false) await migrateToLatest(database.db);
  return database;
}

/** A new, empty database on the server at adminUrl (for tests, browser tests and benchmarks), and how to drop it. */
export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await runAdmin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => runAdmin(adminUrl, `drop database if exists ${name} with (force)`) };
}

async function runAdmin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export const testDatabaseKind = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
