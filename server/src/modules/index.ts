import type { AttachmentOwner, ModuleManifest, RecordNamer, Revealable, Tracker } from '../platform/module.ts';
import { type EncryptedColumns, PLATFORM_ENCRYPTED_COLUMNS } from '../platform/pii/rotate.ts';
import { apiTokensModule } from './api-tokens/index.ts';
import { branchesModule } from './branches/index.ts';
import { calendarModule } from './calendar/index.ts';
import { cloudBranchModule } from './cloud-branch/index.ts';
import { complaintsModule } from './complaints/index.ts';
import { homeVisitsModule } from './home-visits/index.ts';
import { incidentsModule } from './incidents/index.ts';
import { networkModule } from './network/index.ts';
import { noticesModule } from './notices/index.ts';
import { organizationsModule } from './organizations/index.ts';
import { oversightModule } from './oversight/index.ts';
import { placesModule } from './places/index.ts';
import { serviceLevelsModule } from './service-levels/index.ts';
import { staffModule } from './staff/index.ts';
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
  calendarModule,
  branchesModule,
  placesModule,
  zonesModule,
  networkModule,
  noticesModule,
  homeVisitsModule,
  cloudBranchModule,
  serviceLevelsModule,
  oversightModule,
  incidentsModule,
  staffModule,
  complaintsModule,
];

/** Every encrypted column, the platform's and the modules': key rotation re-encrypts these. */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumns[] = [
  ...PLATFORM_ENCRYPTED_COLUMNS,
  ...MODULES.flatMap((m) => m.encryptedColumns ?? []),
];

/** Every record of these modules whose masked fields may be revealed, by record type. */
export const collectRevealable = (modules: readonly ModuleManifest[]): Readonly<Record<string, Revealable>> =>
  Object.assign({}, ...modules.map((m) => m.revealable ?? {}));

/** Every record namer of these modules, by record type. */
export const collectRecordNamers = (modules: readonly ModuleManifest[]): Readonly<Record<string, RecordNamer>> =>
  Object.assign({}, ...modules.map((m) => m.recordNames ?? {}));

/** Every public reference tracker of these modules, by reference prefix. */
export const collectTrackers = (modules: readonly ModuleManifest[]): Readonly<Record<string, Tracker>> =>
  Object.assign({}, ...modules.map((m) => m.trackers ?? {}));

/** Every record type files may be attached to, with the function that says whose it is. */
export const collectAttachable = (modules: readonly ModuleManifest[]): Readonly<Record<string, AttachmentOwner>> =>
  Object.assign({}, ...modules.map((m) => m.attachable ?? {}));

export const REVEALABLE = collectRevealable(MODULES);
export const TRACKERS = collectTrackers(MODULES);
