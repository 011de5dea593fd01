import { defineFeature } from '../../app/feature.ts';
import { messages } from './messages.ts';
import { OutboxPage } from './OutboxPage.tsx';
import { TrackPage } from './TrackPage.tsx';
import { VerifyPage } from './VerifyPage.tsx';

/** The public site's own pages: verifying a mobile number and tracking a request. */
export const publicFeature = defineFeature({
  name: 'public',
  messages,
  publicRoutes: [
    { path: 'verify', page: VerifyPage },
    { path: 'track', page: TrackPage },
    { path: 'dev/outbox', page: OutboxPage },
  ],
  publicLinks: [
    { path: '/verify', label: 'nav.verify', description: 'home.verify.desc', nav: true },
    { path: '/track', label: 'nav.track', description: 'home.track.desc', nav: true },
  ],
});
