import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';

const STRONG = 'Lockdown-ready-2022!';

describe(`guessing passwords, codes and SMS codes (${testDatabaseKind})`, () => {
  let t: TestApp;
  let regulator: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ DEV_OUTBOX: 'true', AUTH_RATE_LIMIT_MAX: '10000' });
    regulator = await signInAs(t.app, 'regulator');
  });
  afterAll(() => t.close());

  const signIn = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password } });
  const headersOf = (res: Awaited<ReturnType<typeof signIn>>) => ({
    cookie: `shouhu_session=${res.cookies.find((c) => c.name === 'shouhu_session')?.value}`,
    'x-csrf-token': res.json().csrfToken as string,
  });
  async function createUser(username: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: regulator,
      payload: {
        orgId: await findOrgId(t, 'boc-sh'),
        username,
        role: 'institution_admin',
        name: '孙测试',
        mobile: '13912345678',
        password: STRONG,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const wrongCodeFor = async (secret: string) => {
    const right = await generate({ secret });
    return right.replace(/^./, (d) => String((Number(d) + 5) % 10));
  };

  it('counts wrong second-factor codes across sign-ins and locks the account after five', async () => {
    await createUser('guess.codes');
    const first = headersOf(await signIn('guess.codes', STRONG));
    const enrol = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment', headers: first, payload: { password: STRONG } });
    const { secret } = enrol.json();
    const code = await generate({ secret });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirmation', headers: first, payload: { code } })).statusCode,
    ).toBe(200);

    // Each round: the right password, then one wrong code. The right password must not forgive it.
    const answers: number[] = [];
    for (let round = 0; round < 5; round++) {
      const res = await signIn('guess.codes', STRONG);
      expect(res.statusCode, res.body).toBe(200);
      const guess = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor',
        headers: headersOf(res),
        payload: { code: await wrongCodeFor(secret) },
      });
      answers.push(guess.statusCode);
    }
    expect(answers).toEqual([401, 401, 401, 401, 401]);
    const locked = await signIn('guess.codes', STRONG);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('auth.locked');
  });

  it('never checks more passwords than the limit, however many sign-ins arrive at once', async () => {
    await createUser('guess.passwords');
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn('guess.passwords', `wrong-password-${i}`)));
    const user = await t.database.db.selectFrom('users').select('id').where('username', '=', 'guess.passwords').executeTakeFirstOrThrow();
    const checked = await t.database.db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('recordId', '=', user.id)
      .where('action', '=', 'auth.sign_in')
      .where('outcome', '=', 'failure')
      .executeTakeFirstOrThrow();
    expect(Number(checked.n)).toBe(5);
    // Five wrong passwords checked, then locked; the rest were refused unchecked.
    expect(answers.every((a) => a.statusCode === 401 || a.statusCode === 423)).toBe(true);
    expect(answers.filter((a) => a.statusCode === 423).length).toBeGreaterThanOrEqual(25);
    // Even the right password is refused now.
    expect((await signIn('guess.passwords', STRONG)).statusCode).toBe(423);
  });

  it('sends one SMS code for ten requests at once, and lets no more than five guesses at it', async () => {
    const mobile = '13700000099';
    const sent = await Promise.all(
      Array.from({ length: 10 }, () => t.app.inject({ method: 'POST', url: '/api/v1/public/sms-codes', payload: { mobile } })),
    );
    expect(sent.filter((r) => r.statusCode === 202)).toHaveLength(1);
    expect(sent.filter((r) => r.statusCode === 429)).toHaveLength(9);
    const codes = await t.database.db.selectFrom('smsCodes').select('id').execute();
    expect(codes).toHaveLength(1);

    const outbox = (await t.app.inject('/api/v1/dev/outbox')).json().items as { recipient: string; body: string }[];
    const code = /(\d{6})/.exec(outbox.find((m) => m.recipient === mobile)?.body ?? '')?.[1] as string;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const guesses = await Promise.all(
      Array.from({ length: 12 }, () => t.app.inject({ method: 'POST', url: '/api/v1/public/sessions', payload: { mobile, code: wrong } })),
    );
    const [row] = await t.database.db.selectFrom('smsCodes').select('attempts').execute();
    expect(row?.attempts).toBe(5);
    expect(guesses.filter((g) => g.json().error.code === 'sms.attempts_exceeded').length).toBeGreaterThanOrEqual(7);
    // The right code after five wrong ones is refused too: the code is spent.
    const late = await t.app.inject({ method: 'POST', url: '/api/v1/public/sessions', payload: { mobile, code } });
    expect(late.json().error.code).toBe('sms.attempts_exceeded');
  });
});
