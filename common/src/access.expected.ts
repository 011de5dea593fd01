// For the tests only (not exported by the package): what the policy must say, by hand.
import type { Action, Scope } from './access.ts';
import type { Role } from './api/identity.ts';

// The expected reach of every role for every action, written out by hand: a change to the policy
// must change this table too, on purpose. Columns: regulator, association, institution admin,
// institution staff, partner; then a verified citizen and an API token holding the action.
export type ReachRow = [regulator: Scope, association: Scope, admin: Scope, staff: Scope, partner: Scope, citizen: Scope, token: Scope];
export const EXPECTED_REACH: Record<Action, ReachRow> = {
  'self.manage': ['own', 'own', 'own', 'own', 'own', 'own', 'none'],
  'self.use': ['own', 'own', 'own', 'own', 'own', 'none', 'none'],
  'citizen.self': ['none', 'none', 'none', 'none', 'none', 'own', 'none'],
  'organization.manage': ['all', 'none', 'none', 'none', 'none', 'none', 'none'],
  'user.read': ['all', 'none', 'own', 'none', 'none', 'none', 'none'],
  'user.manage': ['all', 'none', 'own', 'none', 'none', 'none', 'none'],
  'audit.search': ['all', 'none', 'own', 'none', 'none', 'none', 'none'],
  'pii.reveal': ['all', 'none', 'own', 'none', 'none', 'none', 'none'],
  'token.manage': ['own', 'none', 'own', 'none', 'none', 'none', 'none'],
  'webhook.manage': ['own', 'none', 'own', 'none', 'none', 'none', 'none'],
  'branch.manage': ['none', 'none', 'own', 'own', 'none', 'none', 'none'],
  'branch.read': ['all', 'all', 'own', 'own', 'none', 'none', 'none'],
  'notice.publish': ['none', 'all', 'none', 'none', 'none', 'none', 'none'],
  'homeVisit.manage': ['none', 'none', 'own', 'own', 'none', 'none', 'none'],
  'cloudBranch.serve': ['none', 'none', 'own', 'own', 'none', 'none', 'none'],
  'serviceLevel.manage': ['none', 'none', 'own', 'none', 'none', 'none', 'none'],
  'serviceLevel.read': ['all', 'none', 'own', 'own', 'none', 'none', 'none'],
  'network.view': ['all', 'all', 'none', 'none', 'none', 'none', 'none'],
  'zone.manage': ['all', 'none', 'none', 'none', 'none', 'none', 'none'],
  'calendar.manage': ['all', 'all', 'none', 'none', 'none', 'none', 'none'],
  'figures.read': ['all', 'none', 'own', 'none', 'none', 'none', 'none'],
  'job.read': ['all', 'own', 'own', 'own', 'own', 'none', 'own'],
};

const COLUMN: Record<Role, number> = { regulator: 0, association: 1, institution_admin: 2, institution_staff: 3, partner: 4 };

/** The expected reach of a role, a citizen or a token holding the action, read from the table. */
export function expectReach(who: Role | 'citizen' | 'token', action: Action): Scope {
  const row = EXPECTED_REACH[action];
  return row[who === 'citizen' ? 5 : who === 'token' ? 6 : COLUMN[who]] as Scope;
}
