import { describe, expect, it } from 'vitest';
import { EXPECTED_REACH } from './access.expected.ts';
import { ACTIONS, type Actor, can, listTokenActions, type Scope, scopeOf } from './access.ts';
import { ROLES, type Role } from './api/identity.ts';

const staff = (role: Role, mfaPassed = true): Actor => ({ type: 'user', userId: 'u', orgId: 'o1', role, sessionId: 's', mfaPassed });
const citizen: Actor = { type: 'citizen', sessionId: 's', mobileHash: 'h' };
const token = (scopes: string[], role: Role = 'institution_admin'): Actor => ({ type: 'token', tokenId: 't', orgId: 'o1', role, scopes });

describe('the access policy', () => {
  it('gives every role, a citizen and a token exactly the reach written in the table', () => {
    expect(Object.keys(EXPECTED_REACH).sort()).toEqual([...ACTIONS].sort());
    for (const action of ACTIONS) {
      const row = EXPECTED_REACH[action];
      const actual: Scope[] = [...ROLES.map((r) => scopeOf(staff(r), action)), scopeOf(citizen, action)];
      expect({ action, actual }).toEqual({ action, actual: row.slice(0, 6) });
      // A token holding the action reaches as far as its maker's role, where tokens may hold it at all.
      const viaToken = ROLES.map((r) => scopeOf(token([action], r), action));
      expect({ action, viaToken }).toEqual({ action, viaToken: ROLES.map((r) => (row[6] ? row[ROLES.indexOf(r)] : 'none')) });
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

  it('offers a token no more than its maker may do, and never what a person must do themselves', () => {
    expect(listTokenActions('partner')).toEqual(['compound.manage', 'job.read', 'programme.read']);
    expect(listTokenActions('institution_staff')).not.toContain('audit.search');
    expect(listTokenActions('regulator')).not.toContain('pii.reveal');
    expect(listTokenActions('regulator')).not.toContain('token.manage');
    expect(scopeOf(token(['branch.read'], 'partner'), 'branch.read')).toBe('none');
  });
});
