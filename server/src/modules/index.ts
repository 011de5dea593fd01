import type { ModuleManifest, Revealable, Tracker } from '../platform/module.ts';
import { type EncryptedColumns, PLATFORM_ENCRYPTED_COLUMNS } from '../platform/pii/rotate.ts';
import { apiTokensModule } from './api-tokens/index.ts';
import { branchesModule } from './branches/index.ts';
import { cloudBranchModule } from './cloud-branch/index.ts';
import { homeVisitsModule } from './home-visits/index.ts';
import { networkModule } from './network/index.ts';
import { noticesModule } from './notices/index.ts';
import { organizationsModule } from './organizations/index.ts';
import { serviceLevelsModule } from './service-levels/index.ts';
import { usersModule } from './users/index.ts';
import { zonesModule } from './zones/index.ts';

/**
 * Every capability of the server, in dependency order (demo data is seeded in this order: an
 * organisation before its users, branches before what is served at them). A new capability adds
 * one line here.
 */
export const MODULES: readonly ModuleManifest[] = [
  organizationsModule,
  usersModule,
  apiTokensModule,
  branchesModule,
  zonesModule,
  networkModule,
  noticesModule,
  homeVisitsModule,
  cloudBranchModule,
  serviceLevelsModule,
];

/** Every encrypted column, the platform's and the modules': key rotation re-encrypts these. */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumns[] = [
  ...PLATFORM_ENCRYPTED_COLUMNS,
  ...MODULES.flatMap((m) => m.encryptedColumns ?? []),
];

/** Every record whose masked fields may be revealed, by record type. */
export const REVEALABLE: Readonly<Record<string, Revealable>> = Object.assign({}, ...MODULES.map((m) => m.revealable ?? {}));

/** Every public reference tracker, by reference prefix. */
export const TRACKERS: Readonly<Record<string, Tracker>> = Object.assign({}, ...MODULES.map((m) => m.trackers ?? {}));
