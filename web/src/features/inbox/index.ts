import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

/** Each user's inbox (消息): what waits for them, and which kinds also come by SMS or e-mail. */
export const inboxFeature = defineFeature({
  name: 'inbox',
  messages,
  consoleRoutes: [{ path: 'inbox', page: lazy(() => import('./InboxPage.tsx').then((m) => ({ default: m.InboxPage }))) }],
  menu: [{ path: '/console/inbox', label: 'menu.inbox', action: 'self.use' }],
});
