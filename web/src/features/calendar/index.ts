import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

/** The holiday calendar: the years the package lacks, entered from the State Council's notice. */
export const calendarFeature = defineFeature({
  name: 'calendar',
  messages,
  consoleRoutes: [{ path: 'calendar', page: lazy(() => import('./CalendarPage.tsx').then((m) => ({ default: m.CalendarPage }))) }],
  menu: [{ path: '/console/calendar', label: 'menu.calendar', action: 'calendar.manage' }],
});
