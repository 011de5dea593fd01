import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

/** An organisation's systems: API tokens scoped by the policy, and signed webhooks. */
export const integrationsFeature = defineFeature({
  name: 'integrations',
  messages,
  consoleRoutes: [
    { path: 'integrations', page: lazy(() => import('./IntegrationsPage.tsx').then((m) => ({ default: m.IntegrationsPage }))) },
  ],
  menu: [{ path: '/console/integrations', label: 'menu.integrations', action: 'token.manage' }],
});
