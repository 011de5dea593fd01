import type { ModuleManifest } from '../../platform/module.ts';
import { seedPlaces } from './demo.ts';
import { placeError } from './errors.ts';
import { placeRoutes } from './routes.ts';

/** Places below the street: compounds under committees, and grids as sets of committees. */
export const placesModule: ModuleManifest = {
  name: 'places',
  tables: ['compounds', 'grids'],
  tags: [{ name: 'places', description: 'Compounds (小区) under committees, and grids (网格) as sets of committees' }],
  register: (app) => app.register(placeRoutes),
  errors: placeError.catalogue,
  seed: (db) => seedPlaces(db),
};
