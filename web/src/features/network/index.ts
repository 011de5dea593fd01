import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

export const networkFeature = defineFeature({
  name: 'network',
  messages,
  consoleRoutes: [{ path: 'network', page: lazy(() => import('./NetworkPage.tsx').then((m) => ({ default: m.NetworkPage }))) }],
  menu: [{ path: '/console/network', label: 'menu.network', action: 'network.view' }],
});
