import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

export const auditFeature = defineFeature({
  name: 'audit',
  messages,
  consoleRoutes: [{ path: 'audit', page: lazy(() => import('./AuditPage.tsx').then((m) => ({ default: m.AuditPage }))) }],
  menu: [{ path: '/console/audit', label: 'menu.audit', action: 'audit.search' }],
});
