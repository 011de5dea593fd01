import type { ModuleManifest } from '../../platform/module.ts';
import { seedServiceDemo } from './demo.ts';
import { serviceLevelRoutes } from './routes.ts';
import { listServiceLevelDesk } from './service.ts';

/** Targets, breaches and throughput against normal for home visits and the cloud branch (C3, C5). */
export const serviceLevelsModule: ModuleManifest = {
  name: 'service-levels',
  tables: ['serviceLevelTargets', 'throughputBaselines'],
  tags: [{ name: 'service levels', description: 'Targets, breaches and throughput against normal (C3, C5)' }],
  register: (app) => app.register(serviceLevelRoutes),
  // Served customers for the throughput charts: only where the demo network was seeded.
  seed: (db, keys, options) => (options.branches === false ? Promise.resolve(0) : seedServiceDemo(db, keys)),
  desk: listServiceLevelDesk,
};
