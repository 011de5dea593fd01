import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, type Actor, can, type Scope, scopeOf } from './access.ts';
import { ROLES, type Role } from './api/identity.ts';

// The expected reach of every role for every action, written out by hand: a change to the policy
// must change this table too, on purpose. Columns: regulator, association, institution admin,
// institution staff, partner; then a verified citizen and an API token holding the action.
type Row = [regulator: Scope, association: Scope, admin: Scope, staff: Scope, partner: Scope, citizen: Scope, token: Scope];
const EXPECTED: Record<Action, Row> = {
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

const staff = (role: Role, mfaPassed = true): Actor => ({ type: 'user', userId: 'u', orgId: 'o1', role, sessionId: 's', mfaPassed });
const citizen: Actor = { type: 'citizen', sessionId: 's', mobileHash: 'h' };
const token = (scopes: string[]): Actor => ({ type: 'token', tokenId: 't', orgId: 'o1', scopes });

describe('the access policy', () => {
  it('gives every role, a citizen and a token exactly the reach written in the table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
    for (const action of ACTIONS) {
      const row = EXPECTED[action];
      const actual: Scope[] = [...ROLES.map((r) => scopeOf(staff(r), action)), scopeOf(citizen, action), scopeOf(token([action]), action)];
      expect({ action, actual }).toEqual({ action, actual: row });
    }
  });

  it('gives nothing to the anonymous, to a token without the scope, and before the second factor but about oneself', () => {
    for (const action of ACTIONS) {
      expect(scopeOf({ type: 'anonymous' }, action)).toBe('none');
      expect(scopeOf(token([]), action)).toBe('none');
      for (const role of ROLES) expect(scopeOf(staff(role, false), action)).toBe(action === 'self.manage' ? 'own' : 'none');
    }
  });

  it('lets an own scope reach its organisation only, and an all scope every one', () => {
    expect(can(staff('institution_admin'), 'user.manage', { orgId: 'o1' })).toBe(true);
    expect(can(staff('institution_admin'), 'user.manage', { orgId: 'o2' })).toBe(false);
    expect(can(staff('institution_admin'), 'user.manage')).toBe(true);
    expect(can(staff('regulator'), 'user.manage', { orgId: 'o2' })).toBe(true);
    expect(can(staff('institution_staff'), 'job.read', { orgId: null })).toBe(false);
    expect(can(staff('regulator'), 'job.read', { orgId: null })).toBe(true);
    expect(can(staff('partner'), 'branch.read')).toBe(false);
    expect(can({ type: 'system', name: 'cli' }, 'zone.manage', { orgId: 'o2' })).toBe(true);
  });
});
