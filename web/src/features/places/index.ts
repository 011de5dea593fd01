import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

/** Places below the street: compounds under committees, and grids as sets of committees. */
export const placesFeature = defineFeature({
  name: 'places',
  messages,
  consoleRoutes: [
    { path: 'compounds', page: lazy(() => import('./CompoundsPage.tsx').then((m) => ({ default: m.CompoundsPage }))) },
    { path: 'grids', page: lazy(() => import('./GridsPage.tsx').then((m) => ({ default: m.GridsPage }))) },
  ],
  menu: [
    { path: '/console/compounds', label: 'menu.compounds', action: 'compound.manage' },
    { path: '/console/grids', label: 'menu.grids', action: 'grid.manage' },
  ],
});
