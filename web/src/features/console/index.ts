import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

/** The console's frame: the work desk and the header's own strings. */
export const consoleFeature = defineFeature({
  name: 'console',
  messages,
  consoleRoutes: [{ path: '', page: lazy(() => import('./DashboardPage.tsx').then((m) => ({ default: m.DashboardPage }))) }],
  menu: [{ path: '/console', label: 'menu.dashboard' }],
});
