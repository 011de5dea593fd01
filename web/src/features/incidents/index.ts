import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

/** Incident reports to the regulator (C0): initial, follow-ups, result; the proposal after long closures. */
export const incidentsFeature = defineFeature({
  name: 'incidents',
  messages,
  consoleRoutes: [
    { path: 'incidents', page: lazy(() => import('./IncidentsPage.tsx').then((m) => ({ default: m.IncidentsPage }))) },
    { path: 'incidents/:id', page: lazy(() => import('./IncidentPage.tsx').then((m) => ({ default: m.IncidentPage }))) },
  ],
  menu: [{ path: '/console/incidents', label: 'menu.incidents', action: 'incident.read' }],
});
