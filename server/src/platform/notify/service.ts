import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { createId } from '../ids.ts';
import { insertJobs } from '../jobs/repo.ts';
import { toJobRows } from '../jobs/service.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { decryptField, encryptField, hashField } from '../pii/crypto.ts';
import type { KeyRing } from '../pii/keys.ts';
import type { Providers } from './providers.ts';

export interface NewNotification {
  channel: 'sms' | 'email' | 'webhook';
  recipient: string;
  subject?: string;
  body: string;
  orgId?: string | null;
  webhookEndpointId?: string;
}

/**
 * Queues a message and the job that delivers it, in the caller's transaction: the message goes
 * out exactly when the change that caused it commits. Recipient and body are stored encrypted.
 */
export async function queueNotification(db: Db, keys: KeyRing, message: NewNotification): Promise<string> {
  return (await queueNotifications(db, keys, [message]))[0] as string;
}

/** Several messages at once, in one statement each for the messages and their jobs; answers their ids. */
export async function queueNotifications(db: Db, keys: KeyRing, messages: NewNotification[]): Promise<string[]> {
  if (messages.length === 0) return [];
  const { notifications, jobs } = toNotificationRows(keys, messages);
  await db.insertInto('notifications').values(notifications).execute();
  await insertJobs(db, jobs);
  return notifications.map((n) => n.id);
}

/** An organisation's webhook endpoints still in use. */
export function selectLiveWebhookEndpoints(db: Db, orgId: string) {
  return db
    .selectFrom('webhookEndpoints')
    .select(['id', 'url', 'createdAt'])
    .where('orgId', '=', orgId)
    .where('disabledAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .execute();
}

/** The rows of messages to queue and of the jobs that deliver them; recipient and body encrypted. */
export function toNotificationRows(keys: KeyRing, messages: NewNotification[]) {
  const notifications = messages.map((message) => ({
    id: createId(),
    orgId: message.orgId ?? null,
    channel: message.channel,
    recipientEnc: encryptField(keys, message.recipient),
    recipientHash: hashField(keys, message.channel, message.recipient),
    webhookEndpointId: message.webhookEndpointId ?? null,
    subject: message.subject ?? null,
    bodyEnc: encryptField(keys, message.body),
  }));
  const jobs = toJobRows(
    notifications.map((n) => ({ type: 'notification.deliver', payload: { notificationId: n.id }, orgId: n.orgId, maxAttempts: 6 })),
  );
  return { notifications, jobs };
}

export function createDeliveryHandler(keys: KeyRing, providers: Providers): JobHandler {
  return async ({ db, job }) => {
    const id = String(job.payload.notificationId);
    const n = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!n || n.state === 'sent') return { skipped: true };
    const provider = providers[n.channel];
    let secret: string | undefined;
    if (n.webhookEndpointId) {
      const endpoint = await db
        .selectFrom('webhookEndpoints')
        .select(['secretEnc', 'disabledAt'])
        .where('id', '=', n.webhookEndpointId)
        .executeTakeFirst();
      if (!endpoint || endpoint.disabledAt) {
        await db.updateTable('notifications').set({ state: 'failed', lastError: 'endpoint disabled' }).where('id', '=', id).execute();
        return { skipped: true };
      }
      secret = decryptField(keys, endpoint.secretEnc);
    }
    try {
      await provider.send({
        id: n.id,
        recipient: decryptField(keys, n.recipientEnc),
        subject: n.subject,
        body: decryptField(keys, n.bodyEnc),
        secret,
      });
    } catch (err) {
      const lastAttempt = job.attempts >= job.maxAttempts;
      await db
        .updateTable('notifications')
        .set({
          attempts: sql`attempts + 1`,
          lastError: (err as Error).message.slice(0, 500),
          provider: provider.name,
          ...(lastAttempt ? { state: 'failed' } : {}),
        })
        .where('id', '=', id)
        .execute();
      throw err;
    }
    await db
      .updateTable('notifications')
      .set({ state: 'sent', attempts: sql`attempts + 1`, provider: provider.name, sentAt: new Date(), lastError: null })
      .where('id', '=', id)
      .execute();
    return { sent: true, provider: provider.name };
  };
}

/** The latest SMS and e-mail, in full, for the development outbox. */
export async function listOutbox(db: Db, keys: KeyRing, limit = 50) {
  const rows = await db
    .selectFrom('notifications')
    .select(['id', 'channel', 'recipientEnc', 'subject', 'bodyEnc', 'state', 'provider', 'createdAt'])
    .where('channel', 'in', ['sms', 'email'])
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipient: decryptField(keys, r.recipientEnc),
    subject: r.subject,
    body: decryptField(keys, r.bodyEnc),
    state: r.state,
    provider: r.provider,
    createdAt: new Date(r.createdAt).toISOString(),
  }));
}
