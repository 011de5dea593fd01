import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { DEMO_PASSWORD } from '../../modules/users/demo.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { checkPasswordPolicy } from './passwords.ts';

describe('what is on by default', () => {
  it('keeps demo users, skipped second factors and the outbox off on PostgreSQL unless asked for', () => {
    const postgres = loadConfig({ DATABASE_URL: 'postgres://shouhu@db/shouhu' });
    expect(postgres).toMatchObject({ SEED_DEMO: false, DEMO_SKIP_MFA: false, devOutbox: false });
    expect(loadConfig({})).toMatchObject({ SEED_DEMO: true, DEMO_SKIP_MFA: true, devOutbox: true });
    const asked = loadConfig({ DATABASE_URL: 'postgres://shouhu@db/shouhu', SEED_DEMO: 'true', DEV_OUTBOX: 'true' });
    expect(asked).toMatchObject({ SEED_DEMO: true, devOutbox: true, DEMO_SKIP_MFA: false });
  });

  it.each([
    ['aaaaaaaaaaaa', 'weak'],
    ['Passw0rd!Passw0rd', 'weak'],
    ['abcdefghijklm', 'weak'],
    [DEMO_PASSWORD, 'published'],
    ['Lockdown-ready-2022!', null],
  ])('judges the password %s: %s', (password, problem) => {
    expect(checkPasswordPolicy(password, 'someone')).toBe(problem);
  });
});

describe(`the development outbox and the demo password (${testDatabaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    // Demo users exist (seeded earlier, say) but this database is not a demo one.
    t = await createTestApp({ SEED_DEMO: 'false', DEV_OUTBOX: 'true' });
  });
  afterAll(() => t.close());

  it('answers only callers on this machine, never through a proxy', async () => {
    expect((await t.app.inject({ url: '/api/v1/dev/outbox' })).statusCode).toBe(200);
    const remote = await t.app.inject({ url: '/api/v1/dev/outbox', remoteAddress: '10.1.2.3' });
    expect(remote.statusCode).toBe(404);
    const proxied = await t.app.inject({ url: '/api/v1/dev/outbox', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.statusCode).toBe(404);
  });

  it('makes whoever signs in with the published demo password change it first, with no skipped second factor', async () => {
    const staff = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'boc.staff', password: DEMO_PASSWORD },
    });
    expect(staff.json()).toMatchObject({ mustChangePassword: true, secondFactor: 'passed' });
    const headers = {
      cookie: `shouhu_session=${staff.cookies.find((c) => c.name === 'shouhu_session')?.value}`,
      'x-csrf-token': staff.json().csrfToken,
    };
    expect((await t.app.inject({ url: '/api/v1/home-visits', headers })).json().error.code).toBe('auth.password_change_required');
    const keep = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers,
      payload: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD },
    });
    expect(keep.json().error).toMatchObject({ code: 'auth.password_policy', details: { reason: 'published' } });
    const admin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'boc.admin', password: DEMO_PASSWORD },
    });
    expect(admin.json()).toMatchObject({ mustChangePassword: true, secondFactor: 'enrol' });
    expect(admin.json().warning).toBeUndefined();
  });
});
