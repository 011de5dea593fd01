import type { Feature } from '../app/feature.ts';
import { messages as sharedMessages } from '../components/messages.ts';
import { auditFeature } from './audit/index.ts';
import { authFeature } from './auth/index.ts';
import { branchesFeature } from './branches/index.ts';
import { calendarFeature } from './calendar/index.ts';
import { cloudBranchFeature } from './cloud-branch/index.ts';
import { consoleFeature } from './console/index.ts';
import { homeVisitsFeature } from './home-visits/index.ts';
import { inboxFeature } from './inbox/index.ts';
import { incidentsFeature } from './incidents/index.ts';
import { integrationsFeature } from './integrations/index.ts';
import { networkFeature } from './network/index.ts';
import { noticesFeature } from './notices/index.ts';
import { organizationsFeature } from './organizations/index.ts';
import { oversightFeature } from './oversight/index.ts';
import { placesFeature } from './places/index.ts';
import { publicFeature } from './public/index.ts';
import { serviceLevelsFeature } from './service-levels/index.ts';
import { staffFeature } from './staff/index.ts';
import { usersFeature } from './users/index.ts';
import { zonesFeature } from './zones/index.ts';

/** Every feature of the web app, in menu and home-page order. A new feature is one line here. */
const FEATURE_TUPLE = [
  consoleFeature,
  inboxFeature,
  oversightFeature,
  incidentsFeature,
  organizationsFeature,
  usersFeature,
  branchesFeature,
  staffFeature,
  calendarFeature,
  homeVisitsFeature,
  cloudBranchFeature,
  serviceLevelsFeature,
  networkFeature,
  zonesFeature,
  placesFeature,
  noticesFeature,
  auditFeature,
  integrationsFeature,
  authFeature,
  publicFeature,
] as const satisfies readonly Feature[];

export const FEATURES: readonly Feature[] = FEATURE_TUPLE;

/** The shared components' strings (reveal, import results, the page frame) beside the features'. */
export const SHARED_MESSAGES = { name: 'shared', messages: sharedMessages };

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every message key of the app: what `t()` accepts. */
export type MessageKey = keyof UnionToIntersection<(typeof FEATURE_TUPLE)[number]['messages']['zh']> | keyof typeof sharedMessages.zh;
