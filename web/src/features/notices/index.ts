import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';
import { NoticePage } from './NoticePage.tsx';

export const noticesFeature = defineFeature({
  name: 'notices',
  messages,
  consoleRoutes: [{ path: 'notice', page: lazy(() => import('./NoticeDraftPage.tsx').then((m) => ({ default: m.NoticeDraftPage }))) }],
  menu: [{ path: '/console/notice', label: 'menu.notice', action: 'notice.publish' }],
  publicRoutes: [
    { path: 'notices', page: NoticePage },
    { path: 'notices/:id', page: NoticePage },
  ],
  publicLinks: [{ path: '/notices', label: 'nav.notice', description: 'home.notice.desc' }],
});
