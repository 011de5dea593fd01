import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { BulletinPage } from './BulletinPage.tsx';
import { messages } from './messages.ts';

/** The regulator's oversight (C0): directives and their acknowledgements, reports, the reporting rates, the bulletin. */
export const oversightFeature = defineFeature({
  name: 'oversight',
  messages,
  consoleRoutes: [
    { path: 'directives', page: lazy(() => import('./DirectivesPage.tsx').then((m) => ({ default: m.DirectivesPage }))) },
    { path: 'directives/:id', page: lazy(() => import('./DirectivePage.tsx').then((m) => ({ default: m.DirectivePage }))) },
    { path: 'report-forms/:formId/:period', page: lazy(() => import('./ReportPage.tsx').then((m) => ({ default: m.ReportFillPage }))) },
    { path: 'reports/:id', page: lazy(() => import('./ReportPage.tsx').then((m) => ({ default: m.ReportPage }))) },
    { path: 'figures', page: lazy(() => import('./FiguresPage.tsx').then((m) => ({ default: m.FiguresPage }))) },
    { path: 'oversight', page: lazy(() => import('./OversightPage.tsx').then((m) => ({ default: m.OversightPage }))) },
    { path: 'bulletins', page: lazy(() => import('./BulletinsPage.tsx').then((m) => ({ default: m.BulletinsPage }))) },
  ],
  menu: [
    { path: '/console/directives', label: 'menu.directives', action: 'directive.read' },
    { path: '/console/figures', label: 'menu.figures', action: 'figures.read' },
    { path: '/console/oversight', label: 'menu.oversight', action: 'directive.issue' },
    { path: '/console/bulletins', label: 'menu.bulletins', action: 'bulletin.publish' },
  ],
  publicRoutes: [
    { path: 'bulletins', page: BulletinPage },
    { path: 'bulletins/:id', page: BulletinPage },
  ],
  publicLinks: [{ path: '/bulletins', label: 'nav.bulletins', description: 'home.bulletins.desc' }],
});
