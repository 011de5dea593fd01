// For the tests only (not exported by the package): what the policy must say, by hand.
import type { Action, Scope } from './access.ts';
import type { Role } from './api/identity.ts';

// The expected reach of every role for every action, written out by hand: a change to the policy
// must change this table too, on purpose. Columns: regulator, association, institution admin,
// institution staff, partner; then a verified citizen; last, whether an API token may hold the
// action (it then reaches as far as the role of the person who made it).
export type ReachRow = [regulator: Scope, association: Scope, admin: Scope, staff: Scope, partner: Scope, citizen: Scope, tokens: boolean];
export const EXPECTED_REACH: Record<Action, ReachRow> = {
  'self.manage': ['own', 'own', 'own', 'own', 'own', 'own', false],
  'self.use': ['own', 'own', 'own', 'own', 'own', 'none', false],
  'citizen.self': ['none', 'none', 'none', 'none', 'none', 'own', false],
  'organization.manage': ['all', 'none', 'none', 'none', 'none', 'none', false],
  'user.read': ['all', 'none', 'own', 'none', 'none', 'none', false],
  'user.manage': ['all', 'none', 'own', 'none', 'none', 'none', false],
  'audit.search': ['all', 'none', 'own', 'none', 'none', 'none', true],
  'pii.reveal': ['all', 'none', 'own', 'none', 'none', 'none', false],
  'token.manage': ['own', 'own', 'own', 'none', 'own', 'none', false],
  'webhook.manage': ['own', 'own', 'own', 'none', 'own', 'none', false],
  'branch.manage': ['none', 'none', 'own', 'own', 'none', 'none', true],
  'branch.read': ['all', 'all', 'own', 'own', 'none', 'none', true],
  'notice.publish': ['none', 'all', 'none', 'none', 'none', 'none', false],
  'homeVisit.manage': ['none', 'none', 'own', 'own', 'none', 'none', true],
  'cloudBranch.serve': ['none', 'none', 'own', 'own', 'none', 'none', false],
  'serviceLevel.manage': ['none', 'none', 'own', 'none', 'none', 'none', false],
  'serviceLevel.read': ['all', 'none', 'own', 'own', 'none', 'none', true],
  'network.view': ['all', 'all', 'none', 'none', 'none', 'none', true],
  'zone.manage': ['all', 'none', 'none', 'none', 'none', 'none', true],
  'compound.manage': ['all', 'none', 'none', 'none', 'own', 'none', true],
  'grid.manage': ['all', 'none', 'own', 'none', 'none', 'none', true],
  'calendar.manage': ['all', 'all', 'none', 'none', 'none', 'none', false],
  'figures.read': ['all', 'none', 'own', 'none', 'none', 'none', true],
  'job.read': ['all', 'own', 'own', 'own', 'own', 'none', true],
  'programme.read': ['all', 'own', 'own', 'own', 'own', 'none', true],
  'directive.issue': ['all', 'own', 'none', 'none', 'none', 'none', false],
  'directive.read': ['all', 'own', 'own', 'own', 'none', 'none', true],
  'directive.receive': ['none', 'none', 'own', 'own', 'none', 'none', false],
  'report.submit': ['none', 'none', 'own', 'own', 'none', 'none', true],
  'report.review': ['all', 'own', 'none', 'none', 'none', 'none', false],
  'incident.report': ['none', 'none', 'own', 'own', 'none', 'none', false],
  'incident.read': ['all', 'none', 'own', 'own', 'none', 'none', false],
  'incident.configure': ['all', 'none', 'none', 'none', 'none', 'none', false],
  'staff.manage': ['none', 'none', 'own', 'none', 'none', 'none', true],
  'staff.read': ['none', 'none', 'own', 'own', 'none', 'none', true],
  'complaint.handle': ['none', 'none', 'own', 'own', 'none', 'none', false],
  'staffing.coverage': ['all', 'none', 'none', 'none', 'none', 'none', true],
  'bulletin.publish': ['all', 'none', 'none', 'none', 'none', 'none', false],
};

const COLUMN: Record<Role, number> = { regulator: 0, association: 1, institution_admin: 2, institution_staff: 3, partner: 4 };

/** The expected reach of a role or a citizen, read from the table; for a token, the reach of its maker's role if tokens may hold the action. */
export function expectReach(who: Role | 'citizen', action: Action, viaToken = false): Scope {
  const row = EXPECTED_REACH[action];
  if (who === 'citizen') return viaToken ? 'none' : row[5];
  if (viaToken && !row[6]) return 'none';
  return row[COLUMN[who]] as Scope;
}
