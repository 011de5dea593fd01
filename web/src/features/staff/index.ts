import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

/** Continuity (C4): the institution's roster, and who of its people a zone keeps at home. */
export const staffFeature = defineFeature({
  name: 'staff',
  messages,
  consoleRoutes: [
    { path: 'staff', page: lazy(() => import('./StaffPage.tsx').then((m) => ({ default: m.StaffPage }))) },
    { path: 'staffing', page: lazy(() => import('./StaffingPage.tsx').then((m) => ({ default: m.StaffingPage }))) },
    { path: 'staffing-coverage', page: lazy(() => import('./CoveragePage.tsx').then((m) => ({ default: m.CoveragePage }))) },
  ],
  menu: [
    { path: '/console/staff', label: 'menu.staff', action: 'staff.read' },
    { path: '/console/staffing', label: 'menu.staffing', action: 'staff.read' },
    { path: '/console/staffing-coverage', label: 'menu.staffingCoverage', action: 'staffing.coverage' },
  ],
});
