import { defineFeature } from '../../app/feature.ts';
import { DashboardPage } from './DashboardPage.tsx';
import { messages } from './messages.ts';

/** The console's frame: the work desk and the header's own strings. */
export const consoleFeature = defineFeature({
  name: 'console',
  messages,
  consoleRoutes: [{ path: '', page: DashboardPage }],
  menu: [{ path: '/console', label: 'menu.dashboard' }],
});
