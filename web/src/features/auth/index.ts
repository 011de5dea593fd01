import { createElement } from 'react';
import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';
import { PasswordPage } from './PasswordPage.tsx';
import { SecurityPage } from './SecurityPage.tsx';

/** Signing in, the password and the second factor; its pages are part of the console's first load. */
export const authFeature = defineFeature({
  name: 'auth',
  messages,
  consoleRoutes: [
    { path: 'password', page: () => createElement(PasswordPage) },
    { path: 'security', page: SecurityPage },
  ],
  menu: [
    { path: '/console/password', label: 'menu.password' },
    { path: '/console/security', label: 'menu.security' },
  ],
});
