import { ROLES, type Role } from './api/identity.ts';

/** Who is asking. Resolved once per request by the authentication hook. */
export type Actor =
  | { type: 'anonymous' }
  | { type: 'user'; userId: string; orgId: string; role: Role; sessionId: string; mfaPassed: boolean }
  | { type: 'citizen'; sessionId: string; mobileHash: string }
  /** An integration's API token: its scopes, with the reach its maker's role has for each. */
  | { type: 'token'; tokenId: string; orgId: string; role: Role; scopes: string[] }
  | { type: 'system'; name: string };

/** A record's tenant, for decisions that depend on whose record it is. */
export interface Resource {
  orgId?: string | null;
}

/**
 * How far an actor's reach goes for one action: nothing, the records of its own organisation
 * (a citizen: their own requests), or every organisation's.
 */
export type Scope = 'none' | 'own' | 'all';

interface Rule {
  /** Staff by role, once past the second factor. */
  roles?: Partial<Record<Role, Scope>>;
  /** Staff before the second factor too (about themselves only). */
  beforeSecondFactor?: true;
  /** A verified citizen, about their own requests. */
  citizen?: true;
  /**
   * An API token may hold the action among its scopes, reaching as far as its maker's role does.
   * Off unless said: acting for a person (a reveal, a password, a publication) is not a system's.
   */
  tokens?: true;
}

const EVERY_ROLE_OWN = Object.fromEntries(ROLES.map((r) => [r, 'own'])) as Record<Role, Scope>;

/**
 * Every action of the platform and who may take it, how far. Routes name their action; services
 * ask `scopeOf` which organisations' records to read, and `can` again with the record.
 */
export const POLICY = {
  /** Any signed-in person (staff before the second factor, or a verified citizen), about themselves. */
  'self.manage': { roles: EVERY_ROLE_OWN, beforeSecondFactor: true, citizen: true },
  /** Staff who passed the second factor, about themselves. */
  'self.use': { roles: EVERY_ROLE_OWN },
  'citizen.self': { citizen: true },
  'organization.manage': { roles: { regulator: 'all' } },
  'user.read': { roles: { regulator: 'all', institution_admin: 'own' } },
  'user.manage': { roles: { regulator: 'all', institution_admin: 'own' } },
  'audit.search': { roles: { regulator: 'all', institution_admin: 'own' }, tokens: true },
  'pii.reveal': { roles: { regulator: 'all', institution_admin: 'own' } },
  /** API tokens and signed webhooks of the own organisation, for its systems (partners' too). */
  'token.manage': { roles: { regulator: 'own', association: 'own', institution_admin: 'own', partner: 'own' } },
  'webhook.manage': { roles: { regulator: 'own', association: 'own', institution_admin: 'own', partner: 'own' } },
  /** Branches, their adjustments and the online channels: the institution's own staff. */
  'branch.manage': { roles: { institution_admin: 'own', institution_staff: 'own' }, tokens: true },
  /** Reading branch records: their institution, and the regulator and associations for all. */
  'branch.read': { roles: { regulator: 'all', association: 'all', institution_admin: 'own', institution_staff: 'own' }, tokens: true },
  /** Compiling, reviewing and publishing the association's notice. */
  'notice.publish': { roles: { association: 'all' } },
  /** Home visits (上门服务): the institution's own staff triage, check identity, schedule and close them. */
  'homeVisit.manage': { roles: { institution_admin: 'own', institution_staff: 'own' }, tokens: true },
  /** The cloud branch (云网点): the institution's agents take customers from its video queue and serve them. */
  'cloudBranch.serve': { roles: { institution_admin: 'own', institution_staff: 'own' } },
  /** Service-level targets and the throughput baseline: the institution's administrators. */
  'serviceLevel.manage': { roles: { institution_admin: 'own' } },
  /** Served against normal and missed targets: the institution's own staff, and the regulator for all. */
  'serviceLevel.read': { roles: { regulator: 'all', institution_admin: 'own', institution_staff: 'own' }, tokens: true },
  /** The whole branch network by district, and its export: the regulator and the associations. */
  'network.view': { roles: { regulator: 'all', association: 'all' }, tokens: true },
  /** Lockdown zones, as the city publishes them: the regulator enters or imports them; associations read them. */
  'zone.manage': { roles: { regulator: 'all' }, tokens: true },
  /** Compounds (小区) under a committee: the regulator any, a committee its own. */
  'compound.manage': { roles: { regulator: 'all', partner: 'own' }, tokens: true },
  /** Grids (网格) as sets of committees: the regulator for a district, an institution's admins for their own. */
  'grid.manage': { roles: { regulator: 'all', institution_admin: 'own' }, tokens: true },
  /** The year's holidays and make-up days where the packaged calendar lacks them. */
  'calendar.manage': { roles: { regulator: 'all', association: 'all' } },
  /** Every capability's headline numbers for a period: the regulator for the city, an institution's admins for their own. */
  'figures.read': { roles: { regulator: 'all', institution_admin: 'own' }, tokens: true },
  /** Background jobs: the regulator all; anyone else (and a token) the jobs of their organisation. */
  'job.read': { roles: { ...EVERY_ROLE_OWN, regulator: 'all' }, tokens: true },
  /** The programmes an organisation takes part in (each capability adds what it shares with partners): its own, and the regulator all. */
  'programme.read': { roles: { ...EVERY_ROLE_OWN, regulator: 'all' }, tokens: true },
  /** Directives (专项通知) and their report forms: the regulator to any institution, an association to its members. */
  'directive.issue': { roles: { regulator: 'all', association: 'own' } },
  /** Reading directives, their forms and reports: the issuer's own (the regulator all), and those addressed to the own institution. */
  'directive.read': { roles: { regulator: 'all', association: 'own', institution_admin: 'own', institution_staff: 'own' }, tokens: true },
  /** Reading and acknowledging (签收) the directives addressed to the own institution. */
  'directive.receive': { roles: { institution_admin: 'own', institution_staff: 'own' } },
  /** Filling in, submitting and withdrawing the own institution's reports (报送); an integration may submit. */
  'report.submit': { roles: { institution_admin: 'own', institution_staff: 'own' }, tokens: true },
  /** Opening, accepting or returning reports, and reopening a locked period: the regulator. */
  // An association reviews the reports on the forms it issued; the regulator all.
  'report.review': { roles: { regulator: 'all', association: 'own' } },
  /** Filing the own institution's incident reports (突发事件信息报告): initial, follow-ups, result. */
  'incident.report': { roles: { institution_admin: 'own', institution_staff: 'own' } },
  /** Reading incident reports: the institution's own, and the regulator all. */
  'incident.read': { roles: { regulator: 'all', institution_admin: 'own', institution_staff: 'own' } },
  /** The hours allowed per incident level. */
  'incident.configure': { roles: { regulator: 'all' } },
  /** The roster (员工名册) and its import: the institution's administrators. */
  'staff.manage': { roles: { institution_admin: 'own' }, tokens: true },
  /** Reading the roster, masked, and who is locked in: the institution's own people. */
  'staff.read': { roles: { institution_admin: 'own', institution_staff: 'own' }, tokens: true },
  /** Taking and handling complaints against the own institution: its staff. */
  'complaint.handle': { roles: { institution_admin: 'own', institution_staff: 'own' } },
  /** The city's staffing by district: branches short of people, for the regulator. */
  'staffing.coverage': { roles: { regulator: 'all' }, tokens: true },
  /** Generating, editing and publishing the bulletin (简报). */
  'bulletin.publish': { roles: { regulator: 'all' } },
} satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

/** The actions a token made by someone of this role may hold: those tokens may carry that the role can take. */
export function listTokenActions(role: Role): Action[] {
  return ACTIONS.filter((action) => {
    const rule: Rule = POLICY[action];
    return rule.tokens === true && (rule.roles?.[role] ?? 'none') !== 'none';
  });
}

/** The one place where reach is decided: how far `actor` may take `action`. */
export function scopeOf(actor: Actor, action: Action): Scope {
  const rule: Rule = POLICY[action];
  switch (actor.type) {
    // The operator at the server's command line (shouhu org add, keys rotate) already holds the database.
    case 'system':
      return 'all';
    case 'anonymous':
      return 'none';
    case 'citizen':
      return rule.citizen ? 'own' : 'none';
    case 'token':
      return rule.tokens && actor.scopes.includes(action) ? (rule.roles?.[actor.role] ?? 'none') : 'none';
    case 'user':
      if (!actor.mfaPassed && !rule.beforeSecondFactor) return 'none';
      return rule.roles?.[actor.role] ?? 'none';
  }
}

/**
 * May `actor` take `action` — on `resource` when given (its organisation within reach), or at all
 * (the route-level check, before the record is known).
 */
export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  const scope = scopeOf(actor, action);
  if (scope === 'all') return true;
  if (scope === 'none') return false;
  if (resource?.orgId === undefined) return true;
  return 'orgId' in actor && resource.orgId === actor.orgId;
}
