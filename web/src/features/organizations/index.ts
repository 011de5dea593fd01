import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

/** The organisations taking part: the regulator registers banks, insurers and partners (committees, schools, federations). */
export const organizationsFeature = defineFeature({
  name: 'organizations',
  messages,
  consoleRoutes: [
    { path: 'organizations', page: lazy(() => import('./OrganizationsPage.tsx').then((m) => ({ default: m.OrganizationsPage }))) },
  ],
  menu: [{ path: '/console/organizations', label: 'menu.organizations', action: 'organization.manage' }],
});
