import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

export const serviceLevelsFeature = defineFeature({
  name: 'service-levels',
  messages,
  consoleRoutes: [
    { path: 'service-levels', page: lazy(() => import('./ServiceLevelsPage.tsx').then((m) => ({ default: m.ServiceLevelsPage }))) },
  ],
  menu: [{ path: '/console/service-levels', label: 'menu.levels', action: 'serviceLevel.read' }],
});
