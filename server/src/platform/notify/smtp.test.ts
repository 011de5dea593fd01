import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviders } from './providers.ts';

// A real SMTP conversation with a local server: what the e-mail provider sends is what arrives.
describe('e-mail through SMTP', () => {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (c) => {
        data += c;
      });
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
      });
    },
  });
  let port: number;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends through SMTP_URL from SMTP_FROM, and uses the outbox without one', async () => {
    const providers = createProviders({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      SMTP_FROM: 'Shouhu <noreply@shouhu.local>',
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
    });
    expect(providers.email.name).toBe('smtp');
    await providers.email.send({ recipient: 'duty.officer@example.com', subject: '通知 Notice', body: '网点营业时间已调整。' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'noreply@shouhu.local', to: ['duty.officer@example.com'] });
    expect(received[0]?.data).toMatch(/Subject: =\?UTF-8\?/);
    expect(createProviders({ SMTP_FROM: 'x' }).email.name).toBe('outbox');
  });
});
