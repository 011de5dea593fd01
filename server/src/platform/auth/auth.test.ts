import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { forgetSessions } from './session-cache.ts';
import { hashToken } from './tokens.ts';

const STRONG = 'Lockdown-ready-2022!';

describe(`sign-in and sessions (${testDatabaseKind})`, () => {
  let t: TestApp;
  let regulator: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    regulator = await signInAs(t.app, 'regulator');
  });
  afterAll(() => t.close());

  const auditActions = async (recordId?: string) =>
    (
      await t.database.db
        .selectFrom('auditEvents')
        .select(['action', 'outcome'])
        .$if(recordId !== undefined, (q) => q.where('recordId', '=', recordId as string))
        .orderBy('id')
        .execute()
    ).map((e) => `${e.action}:${e.outcome}`);

  async function createUser(username: string, role = 'institution_admin', org = 'boc-sh') {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: regulator,
      payload: { orgId: await findOrgId(t, org), username, role, name: '孙测试', mobile: '13912345678', password: STRONG },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; name: string; mobile: string; mustChangePassword: boolean };
  }

  it('signs a demo user in with a visible warning about the skipped second factor, and shows them masked', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'boc.admin', password: 'Shouhu-demo-2022' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ secondFactor: 'skipped_demo', warning: expect.stringContaining('演示账户') });
    const session = res.cookies.find((c) => c.name === 'shouhu_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: `shouhu_session=${session?.value}` } });
    expect(me.json()).toMatchObject({ username: 'boc.admin', name: '陈**', role: 'institution_admin', organization: { code: 'boc-sh' } });
  });

  it('answers a wrong password and an unknown user alike, and locks after five failures', async () => {
    const user = await createUser('lock.me');
    const wrong = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'lock.me', password: 'not-the-password' } });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'nobody.here', password: 'x' },
    });
    expect(unknown.json().error.code).toBe('auth.invalid_credentials');
    for (let i = 0; i < 4; i++) expect((await wrong()).json().error.code).toBe('auth.invalid_credentials');
    const fifth = await wrong();
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('auth.locked');
    const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'lock.me', password: STRONG } });
    expect(right.json().error.code).toBe('auth.locked');
    const trail = await auditActions(user.id);
    expect(trail.filter((a) => a === 'auth.sign_in:failure')).toHaveLength(5);
    expect(trail).toContain('auth.lockout:success');
    expect(trail).toContain('auth.sign_in:denied');
  });

  it('takes a new admin through authenticator enrolment, password change and a second sign-in; codes work once', async () => {
    const created = await createUser('new.admin');
    expect(created).toMatchObject({ name: '孙**', mobile: '139****5678', mustChangePassword: true });
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'new.admin', password: STRONG },
    });
    expect(signIn.json().secondFactor).toBe('enrol');
    const cookie = `shouhu_session=${signIn.cookies.find((c) => c.name === 'shouhu_session')?.value}`;
    const h = { cookie, 'x-csrf-token': signIn.json().csrfToken };
    // Nothing but the second-factor steps until enrolment is done.
    expect((await t.app.inject({ url: '/api/v1/users', headers: h })).json().error.code).toBe('auth.second_factor_required');

    const noPassword = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enrolment',
      headers: h,
      payload: { password: 'wrong' },
    });
    expect(noPassword.json().error.code).toBe('auth.password_wrong');
    const enrol = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment', headers: h, payload: { password: STRONG } });
    expect(enrol.statusCode).toBe(200);
    const { secret, uri, qrSvg } = enrol.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(qrSvg).toContain('<svg');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirmation', headers: h, payload: { code: '000000' } })).statusCode,
    ).toBe(401);
    const code = await generate({ secret });
    const confirm = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirmation', headers: h, payload: { code } });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json();
    expect(recoveryCodes).toHaveLength(10);

    // The first password must be changed before anything else.
    expect((await t.app.inject({ url: '/api/v1/users', headers: h })).json().error.code).toBe('auth.password_change_required');
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: h,
      payload: { currentPassword: STRONG, newPassword: 'password1234' },
    });
    expect(weak.json().error).toMatchObject({ code: 'auth.password_policy', details: { reason: 'common' } });
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: h,
      payload: { currentPassword: STRONG, newPassword: 'short' },
    });
    expect(short.json().error.details.reason).toBe('too_short');
    const badCurrent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: h,
      payload: { currentPassword: 'wrong', newPassword: 'A much better passphrase 7' },
    });
    expect(badCurrent.json().error.code).toBe('auth.invalid_credentials');
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: h,
      payload: { currentPassword: STRONG, newPassword: 'A much better passphrase 7' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/users', headers: h })).statusCode).toBe(200);

    // Second sign-in: the code used at enrolment is refused (replay); a recovery code works once.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'new.admin', password: 'A much better passphrase 7' },
    });
    expect(again.json().secondFactor).toBe('required');
    const h2 = {
      cookie: `shouhu_session=${again.cookies.find((c) => c.name === 'shouhu_session')?.value}`,
      'x-csrf-token': again.json().csrfToken,
    };
    const replay = await t.app.inject({ method: 'POST', url: '/api/v1/auth/second-factor', headers: h2, payload: { code } });
    expect(replay.json().error.code).toBe('auth.second_factor_invalid');
    const recovery = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      headers: h2,
      payload: { code: recoveryCodes[0] },
    });
    expect(recovery.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/users', headers: h2 })).statusCode).toBe(200);
    const third = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'new.admin', password: 'A much better passphrase 7' },
    });
    const h3 = {
      cookie: `shouhu_session=${third.cookies.find((c) => c.name === 'shouhu_session')?.value}`,
      'x-csrf-token': third.json().csrfToken,
    };
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      headers: h3,
      payload: { code: recoveryCodes[0] },
    });
    expect(reused.json().error.code).toBe('auth.second_factor_invalid');
    expect(await auditActions(created.id)).toEqual(
      expect.arrayContaining(['auth.totp_enrolled:success', 'auth.password_changed:success', 'auth.second_factor:failure']),
    );
  });

  it('refuses unsafe requests without the CSRF token, and forged or expired sessions', async () => {
    const h = await signInAs(t.app, 'boc.admin');
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie: h.cookie as string } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('auth.csrf_failed');
    const wrongCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { ...h, 'x-csrf-token': 'forged' } });
    expect(wrongCsrf.json().error.code).toBe('auth.csrf_failed');
    const forged = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: 'shouhu_session=forged-token-value' } });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('auth.session_expired');

    // Idle for 31 minutes: the session ends.
    const token = (h.cookie as string).split('=')[1] as string;
    await t.database.db
      .updateTable('sessions')
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where('tokenHash', '=', hashToken(token))
      .execute();
    // Sessions are kept for a few seconds; idleness set by hand (not by time) needs them forgotten.
    forgetSessions();
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: h })).json().error.code).toBe('auth.session_expired');
    // Past the absolute 12 hours, even if active.
    const h2 = await signInAs(t.app, 'boc.admin');
    const token2 = (h2.cookie as string).split('=')[1] as string;
    await t.database.db
      .updateTable('sessions')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('tokenHash', '=', hashToken(token2))
      .execute();
    forgetSessions();
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: h2 })).statusCode).toBe(401);
  });

  it('signs out here, or everywhere', async () => {
    const a = await signInAs(t.app, 'cib.admin');
    const b = await signInAs(t.app, 'cib.admin');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: a })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: a })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: b })).statusCode).toBe(200);
    const c = await signInAs(t.app, 'cib.admin');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out-everywhere', headers: c })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: b })).statusCode).toBe(401);
  });

  it('forgets a kept session as soon as the database says another process revoked it', async () => {
    const h = await signInAs(t.app, 'pingan.admin');
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: h })).statusCode).toBe(200); // kept now
    // Another process signs the session out: only the database's notice can tell this one.
    const tokenHash = hashToken((h.cookie as string).replace('shouhu_session=', ''));
    await t.database.db.updateTable('sessions').set({ revokedAt: new Date() }).where('tokenHash', '=', tokenHash).execute();
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 3000) {
      status = (await t.app.inject({ url: '/api/v1/auth/me', headers: h })).statusCode;
      if (status === 200) await new Promise((r) => setTimeout(r, 10));
    }
    expect(status).toBe(401);
    // Well before the kept copy would have lapsed (5 s).
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('lets an admin reset a password: a one-time password, sessions ended, change required', async () => {
    const user = await createUser('reset.me', 'institution_staff');
    const admin = await signInAs(t.app, 'boc.admin');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/users/${user.id}/password-reset`, headers: admin });
    expect(res.statusCode).toBe(200);
    const { temporaryPassword } = res.json();
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'reset.me', password: temporaryPassword },
    });
    expect(signIn.json()).toMatchObject({ mustChangePassword: true });
  });

  it('accepts scoped, expiring, revocable API tokens for partner systems', async () => {
    const admin = await signInAs(t.app, 'boc.admin');
    const unknownScope = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: admin,
      payload: { name: 'x', scopes: ['everything'], expiresInDays: 30 },
    });
    expect(unknownScope.statusCode).toBe(403);
    expect(unknownScope.json().error).toMatchObject({ code: 'token.scope_refused', details: { field: 'scopes', scopes: ['everything'] } });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: admin,
      payload: { name: 'Core banking', scopes: ['job.read'], expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^shk_/);
    const stored = await t.database.db.selectFrom('apiTokens').select('tokenHash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    // In scope: reading a job (none here: 404). Out of scope: user management.
    expect((await t.app.inject({ url: '/api/v1/jobs/01900000-0000-7000-8000-000000000000', headers: bearer })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/users', headers: bearer })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${id}`, headers: admin })).statusCode).toBe(204);
    const revoked = await t.app.inject({ url: '/api/v1/jobs/01900000-0000-7000-8000-000000000000', headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('auth.token_invalid');
  });

  it('audits authorization failures', async () => {
    const staff = await signInAs(t.app, 'boc.staff');
    expect((await t.app.inject({ url: '/api/v1/users', headers: staff })).statusCode).toBe(403);
    const denied = await t.database.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'access.denied')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(denied).toMatchObject({
      outcome: 'denied',
      actorRole: 'institution_staff',
      summary: { route: '/api/v1/users', rule: 'user.read' },
    });
  });
});
