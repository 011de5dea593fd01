import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { CloudBranchPage } from './CloudBranchPage.tsx';
import { messages } from './messages.ts';

export const cloudBranchFeature = defineFeature({
  name: 'cloud-branch',
  messages,
  consoleRoutes: [
    {
      path: 'cloud-branch',
      page: lazy(() => import('./CloudBranchAgentPage.tsx').then((m) => ({ default: m.CloudBranchAgentPage }))),
    },
  ],
  menu: [{ path: '/console/cloud-branch', label: 'menu.cloud', action: 'cloudBranch.serve' }],
  publicRoutes: [{ path: 'cloud-branch', page: CloudBranchPage }],
  publicLinks: [{ path: '/cloud-branch', label: 'nav.cloud', description: 'home.cloud.desc', nav: true }],
});
