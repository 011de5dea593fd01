import { lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

export const usersFeature = defineFeature({
  name: 'users',
  messages,
  consoleRoutes: [{ path: 'users', page: lazy(() => import('./UsersPage.tsx').then((m) => ({ default: m.UsersPage }))) }],
  menu: [{ path: '/console/users', label: 'menu.users', action: 'user.read' }],
});
