import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { HomeVisitPage } from './HomeVisitPage.tsx';
import { messages } from './messages.ts';

export const homeVisitsFeature = defineFeature({
  name: 'home-visits',
  messages,
  consoleRoutes: [{ path: 'home-visits', page: lazy(() => import('./HomeVisitsPage.tsx').then((m) => ({ default: m.HomeVisitsPage }))) }],
  menu: [{ path: '/console/home-visits', label: 'menu.visits', action: 'homeVisit.manage' }],
  publicRoutes: [{ path: 'home-visit', page: HomeVisitPage }],
  publicLinks: [{ path: '/home-visit', label: 'nav.visit', description: 'home.visit.desc', nav: true }],
});
