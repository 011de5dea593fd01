import type { ModuleManifest } from '../../platform/module.ts';
import { seedOrganizations } from './demo.ts';
import { organizationError } from './errors.ts';
import { nameOrganizations } from './repo.ts';
import { organizationRoutes } from './routes.ts';

/** The regulator, associations, banks, insurers and partners. */
export const organizationsModule: ModuleManifest = {
  name: 'organizations',
  tables: ['organizations'],
  recordNames: { organization: nameOrganizations },
  tags: [{ name: 'organizations', description: 'Regulator, associations, banks, insurers and partners' }],
  register: (app) => app.register(organizationRoutes),
  errors: organizationError.catalogue,
  seed: (db) => seedOrganizations(db),
};
