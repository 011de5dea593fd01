import type { ModuleManifest } from '../../platform/module.ts';
import { zoneError } from './errors.ts';
import { nameZones } from './repo.ts';
import { zoneRoutes } from './routes.ts';
import { listFlagDesk } from './service.ts';

/** Lockdown zones as the city publishes them, and the branches inside them. */
export const zonesModule: ModuleManifest = {
  name: 'zones',
  tables: ['lockdownZones'],
  recordNames: { lockdown_zone: nameZones },
  register: (app) => app.register(zoneRoutes),
  errors: zoneError.catalogue,
  desk: listFlagDesk,
};
