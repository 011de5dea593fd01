import { readdirSync } from 'node:fs';
import type { Migration, MigrationProvider } from 'kysely/migration';

const DIRECTORY = new URL('./', import.meta.url);
const MIGRATION_FILE = /^(\d{4}_[a-z0-9_]+)\.ts$/;

/**
 * Forward-only and numbered: a migration, once released, is never edited. Found by name in this
 * folder, so that a new capability adds its file and nothing else.
 */
export const migrationNames: readonly string[] = readdirSync(DIRECTORY)
  .map((file) => MIGRATION_FILE.exec(file)?.[1])
  .filter((name): name is string => name !== undefined)
  .sort();

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => {
    const loaded: Record<string, Migration> = {};
    for (const name of migrationNames) loaded[name] = (await import(new URL(`${name}.ts`, DIRECTORY).href)) as Migration;
    return loaded;
  },
};
