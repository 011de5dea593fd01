import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { FinderPage } from './FinderPage.tsx';
import { messages } from './messages.ts';

export const branchesFeature = defineFeature({
  name: 'branches',
  messages,
  consoleRoutes: [{ path: 'branches', page: lazy(() => import('./BranchesPage.tsx').then((m) => ({ default: m.BranchesPage }))) }],
  menu: [{ path: '/console/branches', label: 'menu.branches', action: 'branch.manage' }],
  publicRoutes: [{ path: 'branches', page: FinderPage }],
  publicLinks: [{ path: '/branches', label: 'nav.finder', description: 'home.finder.desc', nav: true }],
});
