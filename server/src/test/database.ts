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
    const name = `shouhu_test_${randomBytes(6).toString('hex')}`;
    await runAdmin(adminUrl, `create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const opened = await openDatabase({ url: url.toString() });
    database = {
      ...opened,
      close: async () => {
        await opened.close();
        await runAdmin(adminUrl, `drop database if exists ${name} with (force)`);
      },
    };
  }
  if (options.migrate !== false) await migrateToLatest(database.db);
  return database;
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
