import type { Role } from './api/identity.ts';

/** Who is asking. Resolved once per request by the authentication hook. */
export type Actor =
  | { type: 'anonymous' }
  | { type: 'user'; userId: string; orgId: string; role: Role; sessionId: string; mfaPassed: boolean }
  | { type: 'citizen'; sessionId: string; mobileHash: string }
  | { type: 'token'; tokenId: string; orgId: string; scopes: string[] }
  | { type: 'system'; name: string };

/** A record's tenant, for decisions that depend on whose record it is. */
export interface Resource {
  orgId?: string | null;
}

type Rule = (actor: Actor, resource?: Resource) => boolean;

const isUser = (actor: Actor): actor is Extract<Actor, { type: 'user' }> => actor.type === 'user' && actor.mfaPassed;
const hasRole =
  (...roles: Role[]): Rule =>
  (actor) =>
    isUser(actor) && roles.includes(actor.role);
/** Same organisation as the resource (or no resource given: the route-level check). */
const ownOrg = (actor: Actor, resource?: Resource) =>
  (actor.type === 'user' || actor.type === 'token') && (resource?.orgId === undefined || resource.orgId === actor.orgId);

/**
 * Every action of the platform and who may take it. Routes name their action; services check
 * again with the record (its organisation) before reading or changing it.
 */
export const POLICY = {
  /** Any signed-in person (staff before the second factor, or a verified citizen), about themselves. */
  'self.manage': (actor) => actor.type === 'user' || actor.type === 'citizen',
  /** Staff who passed the second factor, about themselves. */
  'self.use': (actor) => isUser(actor),
  'citizen.self': (actor) => actor.type === 'citizen',
  'organization.manage': hasRole('regulator'),
  'user.read': (actor, r) => hasRole('regulator')(actor) || (hasRole('institution_admin')(actor) && ownOrg(actor, r)),
  'user.manage': (actor, r) => hasRole('regulator')(actor) || (hasRole('institution_admin')(actor) && ownOrg(actor, r)),
  'audit.search': (actor, r) => hasRole('regulator')(actor) || (hasRole('institution_admin')(actor) && ownOrg(actor, r)),
  'pii.reveal': (actor, r) => hasRole('regulator')(actor) || (hasRole('institution_admin')(actor) && ownOrg(actor, r)),
  'token.manage': (actor, r) => hasRole('regulator', 'institution_admin')(actor) && ownOrg(actor, r),
  'webhook.manage': (actor, r) => hasRole('regulator', 'institution_admin')(actor) && ownOrg(actor, r),
  /** Branches, their adjustments and the online channels: the institution's own staff. */
  'branch.manage': (actor, r) => hasRole('institution_admin', 'institution_staff')(actor) && ownOrg(actor, r),
  /** Reading branch records: their institution, and the regulator and associations for all. */
  'branch.read': (actor, r) =>
    hasRole('regulator', 'association')(actor) || (hasRole('institution_admin', 'institution_staff')(actor) && ownOrg(actor, r)),
  /** Compiling, reviewing and publishing the association's notice. */
  'notice.publish': hasRole('association'),
  /** Home visits (上门服务): the institution's own staff triage, check identity, schedule and close them. */
  'homeVisit.manage': (actor, r) => hasRole('institution_admin', 'institution_staff')(actor) && ownOrg(actor, r),
  /** The cloud branch (云网点): the institution's agents take customers from its video queue and serve them. */
  'cloudBranch.serve': (actor, r) => hasRole('institution_admin', 'institution_staff')(actor) && ownOrg(actor, r),
  /** Service-level targets and the throughput baseline: the institution's administrators. */
  'serviceLevel.manage': (actor, r) => hasRole('institution_admin')(actor) && ownOrg(actor, r),
  /** Served against normal and missed targets: the institution's own staff, and the regulator for all. */
  'serviceLevel.read': (actor, r) =>
    hasRole('regulator')(actor) || (hasRole('institution_admin', 'institution_staff')(actor) && ownOrg(actor, r)),
  /** The whole branch network by district, and its export: the regulator and the associations. */
  'network.view': hasRole('regulator', 'association'),
  /** Lockdown zones, as the city publishes them: the regulator enters or imports them. */
  'zone.manage': hasRole('regulator'),
  /** The year's holidays and make-up days where the packaged calendar lacks them. */
  'calendar.manage': hasRole('regulator', 'association'),
  'job.read': (actor, r) =>
    hasRole('regulator')(actor) || ((isUser(actor) || actor.type === 'token') && ownOrg(actor, r) && r?.orgId !== null),
} satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;

/** The one place where access is decided. API tokens may only take the actions in their scopes. */
export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  // The operator at the server's command line (shouhu org add, keys rotate) already holds the database.
  if (actor.type === 'system') return true;
  if (actor.type === 'token' && !actor.scopes.includes(action)) return false;
  return POLICY[action](actor, resource);
}

export const ACTIONS = Object.keys(POLICY) as Action[];
