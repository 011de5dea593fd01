import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, ConfigError } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';

/** Where a database is, for people: a PostgreSQL address without its password, or the folder. */
export function describeDatabase(config: Config): string {
  if (!config.DATABASE_URL) return `embedded PGlite in ${join(config.dataDir, 'pglite')}`;
  const url = new URL(config.DATABASE_URL);
  return `PostgreSQL ${url.username ? `${decodeURIComponent(url.username)}@` : ''}${url.host}${url.pathname}`;
}

/**
 * The database a command works on, named on standard error. A command run in the wrong folder
 * would otherwise make a new, empty embedded database and work on that: only the commands that
 * set one up (`migrate`, `seed`) may, and they say so.
 */
export async function openCommandDatabase(config: Config, options: { create: boolean }): Promise<Database> {
  const missing = !config.DATABASE_URL && !existsSync(join(config.dataDir, 'pglite'));
  if (missing && !options.create)
    throw new ConfigError(
      `No database at ${join(config.dataDir, 'pglite')}. Set DATA_DIR to the platform's data folder, or DATABASE_URL to its PostgreSQL; or start the platform here first (npm start).`,
    );
  process.stderr.write(`Database: ${missing ? 'creating a new ' : ''}${describeDatabase(config)}\n`);
  return openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
}
