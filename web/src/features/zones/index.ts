import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

export const zonesFeature = defineFeature({
  name: 'zones',
  messages,
  consoleRoutes: [{ path: 'zones', page: lazy(() => import('./ZonesPage.tsx').then((m) => ({ default: m.ZonesPage }))) }],
  menu: [{ path: '/console/zones', label: 'menu.zones', action: 'zone.manage' }],
});
