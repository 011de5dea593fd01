import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { addToInbox } from '../inbox/service.ts';
import { selectJob } from '../jobs/repo.ts';
import { createWorker } from '../jobs/worker.ts';
import { parseAllowList } from './outbound.ts';
import { createSmsGatewayProvider, createWebhookProvider, outboxProvider, type Provider, signWebhook } from './providers.ts';
import { createDeliveryHandler, queueNotification } from './service.ts';

async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
}

describe(`notifications (${testDatabaseKind})`, () => {
  let t: TestApp;
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  let failNext = 0;
  let redirectNext = false;
  const receiver = createServer((req, res) => {
    if (redirectNext || req.url === '/elsewhere') {
      redirectNext = false;
      received.push({ headers: req.headers, body: `redirect to ${req.url}` });
      res.writeHead(302, { location: '/elsewhere' }).end();
      return;
    }
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  let url: string;
  beforeAll(async () => {
    // The test's receiver is on loopback, which only configuration can allow.
    t = await createTestApp({ OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    receiver.close();
    await t.close();
  });

  function startWorker(providers: { sms: Provider; email: Provider; webhook: Provider }) {
    const worker = createWorker({
      db: t.database.db,
      handlers: { 'notification.deliver': createDeliveryHandler(t.keys, providers) },
      log: pino({ level: 'silent' }),
      pollIntervalMs: 20,
      backoffBaseMs: 30,
    });
    worker.start();
    return worker;
  }

  it('delivers signed webhooks, retrying when the receiver fails', async () => {
    const admin = await signInAs(t.app, 'boc.admin');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: { url } });
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json();
    expect(secret).toMatch(/^whsec_/);
    failNext = 2;
    const ping = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${id}/ping`, headers: admin });
    expect(ping.statusCode).toBe(202);
    const worker = startWorker({ sms: outboxProvider, email: outboxProvider, webhook: createWebhookProvider(parseAllowList('127.0.0.1')) });
    await until(async () => received.length > 0);
    await worker.stop();
    const [delivery] = received;
    const timestamp = delivery?.headers['x-shouhu-timestamp'] as string;
    expect(delivery?.headers['x-shouhu-signature']).toBe(signWebhook(secret, timestamp, delivery?.body as string));
    expect(JSON.parse(delivery?.body as string).type).toBe('webhook.ping');
    const row = await t.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', ping.json().notificationId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'sent', attempts: 3, provider: 'webhook' });
    // Another bank cannot ping this endpoint.
    const other = await t.app.inject({ method: 'POST', url: `/api/v1/webhooks/${id}/ping`, headers: await signInAs(t.app, 'cib.admin') });
    expect(other.statusCode).toBe(404);
  });

  it('sends SMS through the configured HTTP gateway, signed, with the delivery kept', async () => {
    received.length = 0;
    const id = await queueNotification(t.database.db, t.keys, { channel: 'sms', recipient: '13800138004', body: '【守沪】测试短信' });
    const gateway = createSmsGatewayProvider(
      { url, key: 'gateway-key-1', secret: 'gateway-secret-0123456789' },
      parseAllowList('127.0.0.1'),
    );
    const worker = startWorker({ sms: gateway, email: outboxProvider, webhook: outboxProvider });
    await until(async () => received.length > 0);
    await worker.stop();
    const [request] = received;
    expect(request?.headers.authorization).toBe('Bearer gateway-key-1');
    const timestamp = request?.headers['x-shouhu-timestamp'] as string;
    expect(request?.headers['x-shouhu-signature']).toBe(signWebhook('gateway-secret-0123456789', timestamp, request?.body as string));
    expect(JSON.parse(request?.body as string)).toEqual({ to: '13800138004', text: '【守沪】测试短信', id });
    const row = await t.database.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'sent', provider: 'sms-gateway' });
  });

  it("tells an organisation's systems of each inbox item by a signed event, naming no person", async () => {
    received.length = 0;
    const admin = await signInAs(t.app, 'cib.admin');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: { url } });
    const cib = (await t.database.db.selectFrom('organizations').select('id').where('code', '=', 'cib-sh').executeTakeFirstOrThrow()).id;
    await addToInbox(t.database.db, t.keys, {
      kind: 'deadline.approaching',
      to: { roles: 'every' },
      orgId: cib,
      titleZh: '上门服务 HV-20221203-000001 将于 1 小时后到期',
      titleEn: 'Home visit HV-20221203-000001 due in an hour',
      path: '/console/home-visits/x',
      record: { type: 'home_visit', id: 'x' },
    });
    const worker = startWorker({ sms: outboxProvider, email: outboxProvider, webhook: createWebhookProvider(parseAllowList('127.0.0.1')) });
    await until(async () => received.some((r) => r.body.includes('inbox.item')));
    await worker.stop();
    const event = JSON.parse(received.find((r) => r.body.includes('inbox.item'))?.body as string);
    expect(event).toMatchObject({ type: 'inbox.item', data: { kind: 'deadline.approaching', record: { type: 'home_visit', id: 'x' } } });
    expect((await t.app.inject({ url: '/api/v1/webhooks', headers: admin })).json().items.map((w: { id: string }) => w.id)).toContain(
      created.json().id,
    );
    // The platform's own address is refused, whatever the allow-list says.
    const self = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: admin,
      payload: { url: 'http://localhost:3000/api/v1/public/track' },
    });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('webhook.url_is_self');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${created.json().id}`, headers: admin })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/webhooks', headers: admin })).json().items).toEqual([]);
  });

  it('records a message that never goes through as failed, with the reason', async () => {
    const broken: Provider = {
      name: 'broken-gateway',
      send: async () => {
        throw new Error('gateway refused');
      },
    };
    const id = await t.database.db
      .transaction()
      .execute(async (trx) =>
        queueNotification(trx, t.keys, { channel: 'email', recipient: 'someone@example.com', subject: '测试', body: 'hello' }),
      );
    const job = await t.database.db
      .selectFrom('jobs')
      .select('id')
      .where('type', '=', 'notification.deliver')
      .orderBy('createdAt', 'desc')
      .executeTakeFirstOrThrow();
    await t.database.db.updateTable('jobs').set({ maxAttempts: 2 }).where('id', '=', job.id).execute();
    const worker = startWorker({ sms: outboxProvider, email: broken, webhook: createWebhookProvider(parseAllowList('127.0.0.1')) });
    await until(async () => (await selectJob(t.database.db, job.id))?.state === 'dead');
    await worker.stop();
    const row = await t.database.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'failed', attempts: 2, lastError: 'gateway refused', provider: 'broken-gateway' });
    expect(row.recipientEnc).not.toContain('someone@example.com');
  });

  it('refuses webhooks to loopback, private, link-local and metadata addresses unless allowed', async () => {
    const plain = await createTestApp();
    try {
      const admin = await signInAs(plain.app, 'boc.admin');
      for (const target of [
        url,
        'http://localhost/hook',
        'http://169.254.169.254/latest/meta-data/',
        'http://10.0.0.5/hook',
        'http://192.168.1.1/hook',
        'http://[::1]/hook',
        'http://[::ffff:10.0.0.1]/hook',
        'http://[fd00::1]/hook',
        'http://0.0.0.0/hook',
        'http://100.64.0.1/hook',
      ]) {
        const res = await plain.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: { url: target } });
        expect(res.statusCode, target).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'webhook.url_refused', details: { field: 'url' } });
      }
      const ok = await plain.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: admin,
        payload: { url: 'https://1.1.1.1/hook' },
      });
      expect(ok.statusCode).toBe(201);
    } finally {
      await plain.close();
    }
  });

  it('checks the address again at delivery, and follows no redirect', async () => {
    const admin = await signInAs(t.app, 'boc.admin');
    const { id } = (await t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin, payload: { url } })).json();
    // Delivered by a worker whose configuration does not allow loopback: refused, nothing sent.
    const before = received.length;
    const refusing = createWebhookProvider(parseAllowList(''));
    await expect(refusing.send({ recipient: url, subject: null, body: '{}', secret: 's' })).rejects.toThrow(/not a public address/);
    expect(received.length).toBe(before);
    // A redirect is a failure, and its target is never asked.
    redirectNext = true;
    const allowed = createWebhookProvider(parseAllowList('127.0.0.1'));
    await expect(allowed.send({ recipient: url, subject: null, body: '{}', secret: 's' })).rejects.toThrow(
      /302.*redirects are not followed/,
    );
    expect(received.slice(before).map((r) => r.body)).toEqual(['redirect to /hook']);
    expect(id).toBeTruthy();
  });
});
