import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_identity.ts';
import * as m0003 from './0003_branches.ts';
import * as m0004 from './0004_notices.ts';
import * as m0005 from './0005_home_visits.ts';
import * as m0006 from './0006_cloud_branch.ts';
import * as m0007 from './0007_service_levels.ts';
import * as m0008 from './0008_session_changes.ts';
import * as m0009 from './0009_hardening.ts';

/** Forward-only and numbered: a migration, once released, is never edited. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_identity': m0002,
  '0003_branches': m0003,
  '0004_notices': m0004,
  '0005_home_visits': m0005,
  '0006_cloud_branch': m0006,
  '0007_service_levels': m0007,
  '0008_session_changes': m0008,
  '0009_hardening': m0009,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
