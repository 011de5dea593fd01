import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';

describe(`API tokens decided by the same policy as their makers (${testDatabaseKind})`, () => {
  let t: TestApp;
  let bocAdmin: Record<string, string>;
  const make = (headers: Record<string, string>, scopes: string[]) =>
    t.app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers, payload: { name: 'integration', scopes, expiresInDays: 30 } });
  beforeAll(async () => {
    t = await createTestApp();
    bocAdmin = await signInAs(t.app, 'boc.admin');
    const staff = await signInAs(t.app, 'boc.staff');
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/branches',
      headers: staff,
      payload: {
        code: 'TOKEN1',
        nameZh: '令牌测试支行',
        address: '某路1号',
        streetCode: '310101002',
        lat: 31.23,
        lng: 121.48,
        services: ['cash'],
        weeklyHours: { days: {} },
      },
    });
  });
  afterAll(() => t.close());

  it('reads what its scope allows, within its organisation, and is refused the rest', async () => {
    const created = await make(bocAdmin, ['branch.read']);
    expect(created.statusCode, created.body).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    const branches = await t.app.inject({ url: '/api/v1/branches', headers: bearer });
    expect(branches.statusCode).toBe(200);
    const bocId = await findOrgId(t, 'boc-sh');
    expect(branches.json().items.map((b: { code: string }) => b.code)).toContain('TOKEN1');
    expect(branches.json().items.every((b: { orgId: string }) => b.orgId === bocId)).toBe(true);
    // Not among its scopes: changing branches, users, the audit trail.
    const change = await t.app.inject({ method: 'POST', url: '/api/v1/branches', headers: bearer, payload: {} });
    expect(change.statusCode).toBe(403);
    expect(change.json().error.code).toBe('access.denied');
    expect((await t.app.inject({ url: '/api/v1/users', headers: bearer })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/audit-events', headers: bearer })).statusCode).toBe(403);
    // A token cannot make tokens.
    expect((await make(bearer, ['branch.read'])).statusCode).toBe(403);
  });

  it('holds only what its maker may do and a system may do for them', async () => {
    const refused = await make(bocAdmin, ['branch.read', 'pii.reveal', 'token.manage']);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: 'token.scope_refused',
      details: { field: 'scopes', scopes: ['pii.reveal', 'token.manage'] },
    });
    expect((await t.app.inject({ url: '/api/v1/api-tokens/scopes', headers: bocAdmin })).json().scopes).toContain('homeVisit.manage');
  });

  it('lets a partner make its own token for its programmes, and no more', async () => {
    const partner = await signInAs(t.app, 'partner');
    expect((await t.app.inject({ url: '/api/v1/api-tokens/scopes', headers: partner })).json().scopes).toEqual([
      'compound.manage',
      'job.read',
      'programme.read',
    ]);
    expect((await make(partner, ['branch.read'])).statusCode).toBe(403);
    const created = await make(partner, ['programme.read']);
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    const programmes = await t.app.inject({ url: '/api/v1/programmes', headers: bearer });
    expect(programmes.statusCode, programmes.body).toBe(200);
    expect(programmes.json().items).toEqual([]);
    expect((await t.app.inject({ url: '/api/v1/branches', headers: bearer })).statusCode).toBe(403);
  });
});
