import type { ModuleManifest } from '../../platform/module.ts';
import { calendarRoutes } from './routes.ts';
import { listCalendarDesk } from './service.ts';

/** The holiday calendar every deadline and opening hour counts with: the packaged years, and those the regulator enters. */
export const calendarModule: ModuleManifest = {
  name: 'calendar',
  tables: ['holidayOverrides'],
  tags: [{ name: 'calendar', description: "Public holidays and make-up working days: the packaged calendar and the regulator's entries" }],
  register: async (app) => {
    await app.register(calendarRoutes);
  },
  desk: listCalendarDesk,
};
