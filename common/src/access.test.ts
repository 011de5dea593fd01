import { describe, expect, it } from 'vitest';
import { EXPECTED_REACH } from './access.expected.ts';
import { ACTIONS, type Actor, can, type Scope, scopeOf } from './access.ts';
import { ROLES, type Role } from './api/identity.ts';

const staff = (role: Role, mfaPassed = true): Actor => ({ type: 'user', userId: 'u', orgId: 'o1', role, sessionId: 's', mfaPassed });
const citizen: Actor = { type: 'citizen', sessionId: 's', mobileHash: 'h' };
const token = (scopes: string[]): Actor => ({ type: 'token', tokenId: 't', orgId: 'o1', scopes });

describe('the access policy', () => {
  it('gives every role, a citizen and a token exactly the reach written in the table', () => {
    expect(Object.keys(EXPECTED_REACH).sort()).toEqual([...ACTIONS].sort());
    for (const action of ACTIONS) {
      const row = EXPECTED_REACH[action];
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
