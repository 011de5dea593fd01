import { createElement, lazy } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';

/** Signing in, the password and the second factor. */
export const authFeature = defineFeature({
  name: 'auth',
  messages,
  consoleRoutes: [
    { path: 'password', page: lazy(() => import('./PasswordPage.tsx').then((m) => ({ default: () => createElement(m.PasswordPage) }))) },
    { path: 'security', page: lazy(() => import('./SecurityPage.tsx').then((m) => ({ default: m.SecurityPage }))) },
  ],
  menu: [
    { path: '/console/password', label: 'menu.password' },
    { path: '/console/security', label: 'menu.security' },
  ],
});
