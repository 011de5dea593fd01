import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { createWorker } from '../jobs/worker.ts';
import { outboxProvider } from '../notify/providers.ts';
import { createDeliveryHandler } from '../notify/service.ts';

describe(`citizens verified by SMS code (${testDatabaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DEV_OUTBOX: 'true' });
  });
  afterAll(() => t.close());

  const outbox = async () =>
    (await t.app.inject('/api/v1/dev/outbox')).json().items as { recipient: string; body: string; state: string }[];
  const codeFor = async (mobile: string) => /(\d{6})/.exec((await outbox()).find((m) => m.recipient === mobile)?.body ?? '')?.[1] as string;
  const send = (mobile: string, ip = '10.1.1.1') =>
    t.app.inject({ method: 'POST', url: '/api/v1/public/sms-codes', payload: { mobile }, remoteAddress: ip });
  const verify = (mobile: string, code: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/public/sessions', payload: { mobile, code } });

  it('sends a code through the outbox, and a right code opens a session for that mobile', async () => {
    const sent = await send('+86 138 0000 1111');
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({ expiresInSeconds: 300 });
    const worker = createWorker({
      db: t.database.db,
      handlers: {
        'notification.deliver': createDeliveryHandler(t.keys, { sms: outboxProvider, email: outboxProvider, webhook: outboxProvider }),
      },
      log: pino({ level: 'silent' }),
      pollIntervalMs: 20,
    });
    worker.start();
    for (let i = 0; i < 100 && (await outbox())[0]?.state !== 'sent'; i++) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    const message = (await outbox())[0];
    expect(message).toMatchObject({ recipient: '13800001111', state: 'sent' });
    expect(message?.body).toMatch(/验证码是 \d{6}/);

    const code = await codeFor('13800001111');
    const ok = await verify('13800001111', code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().mobile).toBe('138****1111');
    const cookie = ok.cookies.find((c) => c.name === 'shouhu_session');
    expect(cookie?.httpOnly).toBe(true);
    expect((await t.app.inject({ url: '/api/v1/public/me', headers: { cookie: `shouhu_session=${cookie?.value}` } })).json()).toEqual({
      verified: true,
    });
    // A citizen session is not a staff session.
    expect((await t.app.inject({ url: '/api/v1/users', headers: { cookie: `shouhu_session=${cookie?.value}` } })).statusCode).toBe(403);
    // Each code works once.
    expect((await verify('13800001111', code)).json().error.code).toBe('sms.code_invalid');
  });

  it('allows five wrong tries, then asks for a new code', async () => {
    await send('13800002222');
    const right = await codeFor('13800002222');
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) expect((await verify('13800002222', wrong)).json().error.code).toBe('sms.code_invalid');
    expect((await verify('13800002222', wrong)).json().error.code).toBe('sms.attempts_exceeded');
    expect((await verify('13800002222', right)).json().error.code).toBe('sms.attempts_exceeded');
  });

  it('refuses an expired code', async () => {
    await send('13800003333');
    const code = await codeFor('13800003333');
    await t.database.db
      .updateTable('smsCodes')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .execute();
    expect((await verify('13800003333', code)).json().error.code).toBe('sms.code_invalid');
  });

  it('limits codes per number and per client address', async () => {
    expect((await send('13800004444', '10.2.2.2')).statusCode).toBe(202);
    const again = await send('13800004444', '10.2.2.3');
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('sms.rate_limited');
    for (let i = 0; i < 20; i++) await send(`1390000${String(5000 + i)}`, '10.3.3.3');
    expect((await send('13900009999', '10.3.3.3')).json().error.code).toBe('sms.rate_limited');
  });

  it('refuses a malformed mobile, naming the field', async () => {
    const res = await send('12345');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toEqual({
      field: 'body.mobile',
      reason: 'length',
      message: 'Mobile number has the wrong number of digits',
      message_zh: '手机号码位数不正确',
    });
    expect(res.json().error.message_zh).toBe('手机号码位数不正确');
  });

  it('keeps the development outbox off where DEV_OUTBOX is off', async () => {
    const prod = await createTestApp({ DEV_OUTBOX: 'false' }, { seed: false });
    try {
      expect((await prod.app.inject('/api/v1/dev/outbox')).statusCode).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
