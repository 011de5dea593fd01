import type { ModuleManifest } from '../../platform/module.ts';
import { networkRoutes } from './routes.ts';

/** The whole branch network by district, for the regulator and the associations. */
export const networkModule: ModuleManifest = {
  name: 'network',
  register: (app) => app.register(networkRoutes),
};
