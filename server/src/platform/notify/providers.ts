import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import { type OutboundAllowList, parseAllowList, postOutbound, resolveAllowed } from './outbound.ts';

export interface OutgoingMessage {
  /** The notification's id: a gateway may use it to drop a message sent twice. */
  id?: string;
  recipient: string;
  subject: string | null;
  body: string;
  /** For webhooks: the endpoint's signing secret. */
  secret?: string;
}

/** Delivers one message; throws to have the job queue retry it. Returns the provider's name. */
export interface Provider {
  name: string;
  send(message: OutgoingMessage): Promise<void>;
}

/**
 * The default for SMS (and for e-mail without SMTP_URL): the message is kept in the notifications
 * table and shown by the development outbox (/api/v1/dev/outbox, `shouhu outbox`), so every flow
 * works without a gateway. A real SMS gateway is another Provider with the same two members.
 */
export const outboxProvider: Provider = { name: 'outbox', send: async () => {} };

export function createSmtpProvider(url: string, from: string, allow: OutboundAllowList): Provider {
  const transport = nodemailer.createTransport(url);
  const host = new URL(url).hostname;
  return {
    name: 'smtp',
    async send(m) {
      // A mail relay is usually inside the network: name it in OUTBOUND_ALLOWED_HOSTS.
      await resolveAllowed(host, allow);
      await transport.sendMail({ from, to: m.recipient, subject: m.subject ?? '', text: m.body });
    },
  };
}

/** The signature a receiver checks: HMAC-SHA256 over "timestamp.body" with the endpoint's secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Signed webhooks, only to allowed addresses checked at delivery; a redirect counts as a failure. */
export function createWebhookProvider(allow: OutboundAllowList): Provider {
  return {
    name: 'webhook',
    async send(m) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const status = await postOutbound(
        m.recipient,
        {
          'content-type': 'application/json',
          'x-shouhu-timestamp': timestamp,
          'x-shouhu-signature': signWebhook(m.secret ?? '', timestamp, m.body),
        },
        m.body,
        allow,
      );
      if (status < 200 || status >= 300)
        throw new Error(`webhook answered ${status}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}`);
    },
  };
}

/**
 * An SMS gateway over HTTP: the message as JSON, the key as a bearer token, the body signed with
 * the shared secret like a webhook. A 2xx answer is accepted; anything else is retried by the job.
 */
export function createSmsGatewayProvider(config: { url: string; key?: string; secret?: string }, allow: OutboundAllowList): Provider {
  return {
    name: 'sms-gateway',
    async send(m) {
      const body = JSON.stringify({ to: m.recipient, text: m.body, id: m.id });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const status = await postOutbound(
        config.url,
        {
          'content-type': 'application/json',
          ...(config.key ? { authorization: `Bearer ${config.key}` } : {}),
          'x-shouhu-timestamp': timestamp,
          ...(config.secret ? { 'x-shouhu-signature': signWebhook(config.secret, timestamp, body) } : {}),
        },
        body,
        allow,
      );
      if (status < 200 || status >= 300) throw new Error(`SMS gateway answered ${status}`);
    },
  };
}

export interface Providers {
  sms: Provider;
  email: Provider;
  webhook: Provider;
}

export function createProviders(config: {
  SMTP_URL?: string;
  SMTP_FROM: string;
  OUTBOUND_ALLOWED_HOSTS?: string;
  SMS_GATEWAY_URL?: string;
  SMS_GATEWAY_KEY?: string;
  SMS_GATEWAY_SECRET?: string;
}): Providers {
  const allow = parseAllowList(config.OUTBOUND_ALLOWED_HOSTS);
  return {
    sms: config.SMS_GATEWAY_URL
      ? createSmsGatewayProvider({ url: config.SMS_GATEWAY_URL, key: config.SMS_GATEWAY_KEY, secret: config.SMS_GATEWAY_SECRET }, allow)
      : outboxProvider,
    email: config.SMTP_URL ? createSmtpProvider(config.SMTP_URL, config.SMTP_FROM, allow) : outboxProvider,
    webhook: createWebhookProvider(allow),
  };
}
