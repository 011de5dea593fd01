import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';

describe(`a stale session cookie (${testDatabaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is cleared and the request goes on as anonymous: public pages and sign-in still work', async () => {
    const headers = await signInAs(t.app, 'boc.staff');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers })).statusCode).toBe(204);
    const stale = { cookie: headers.cookie as string };
    for (const url of ['/api/v1/zones', '/api/v1/public/notices', '/healthz']) {
      const res = await t.app.inject({ url, headers: stale });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
    const cleared = await t.app.inject({ url: '/api/v1/zones', headers: stale });
    const cookie = cleared.cookies.find((c) => c.name === 'shouhu_session');
    expect(cookie?.value).toBe('');
    expect(new Date(cookie?.expires as Date).getTime()).toBeLessThan(Date.now());
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: stale,
      payload: { username: 'boc.staff', password: 'Shouhu-demo-2022' },
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    // A route that needs a session says it has ended (and clears the cookie too).
    const me = await t.app.inject({ url: '/api/v1/auth/me', headers: stale });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('auth.session_expired');
  });

  it('of an expired session is cleared the same way', async () => {
    const headers = await signInAs(t.app, 'boc.staff');
    await t.database.db
      .updateTable('sessions')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .execute();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers, payload: { username: 'x', password: 'y' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.invalid_credentials');
  });
});
