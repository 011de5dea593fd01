import type { InboxKind, InboxPage, NotificationPreference, Role } from '@shouhu/common';
import { INBOX_KINDS } from '@shouhu/common';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { selectActiveUserIds, selectUserContacts } from '../../modules/users/repo.ts';
import { actorUserId, type Context } from '../context.ts';
import { createId } from '../ids.ts';
import { type NewNotification, queueNotifications, selectLiveWebhookEndpoints } from '../notify/service.ts';
import { decryptField } from '../pii/crypto.ts';
import type { KeyRing } from '../pii/keys.ts';

export interface InboxMessage {
  kind: InboxKind;
  /** To these users, and/or the enabled users of the organisation with these roles ('every': all of them). */
  to: { userIds?: string[]; roles?: readonly Role[] | 'every' };
  orgId: string;
  titleZh: string;
  titleEn: string;
  path: string;
  record?: { type: string; id: string };
  dueAt?: Date;
}

/**
 * Puts an item in each recipient's inbox, in the caller's transaction, and queues what they
 * asked to receive besides (SMS, e-mail) and a signed webhook event for the organisation's
 * systems. An item about a record a user already has for that kind is not added twice.
 * Titles name records by reference, never by a person's details: they go out by SMS and webhook.
 */
export async function addToInbox(db: Db, keys: KeyRing, message: InboxMessage): Promise<number> {
  const { roles } = message.to;
  const byRole = roles ? await selectActiveUserIds(db, message.orgId, roles === 'every' ? undefined : roles) : [];
  // One item each, and one event for the organisation, however the recipients were named.
  const userIds = [...new Set([...(message.to.userIds ?? []), ...byRole.map((u) => u.id)])];
  if (userIds.length === 0) return 0;
  const added = await db
    .insertInto('inboxItems')
    .values(
      userIds.map((userId) => ({
        id: createId(),
        userId,
        orgId: message.orgId,
        kind: message.kind,
        titleZh: message.titleZh,
        titleEn: message.titleEn,
        path: message.path,
        recordType: message.record?.type ?? null,
        recordId: message.record?.id ?? null,
        dueAt: message.dueAt ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['userId', 'kind', 'recordType', 'recordId']).where('recordId', 'is not', null).doNothing())
    .returning('userId')
    .execute();
  if (added.length === 0) return 0;
  const reached = added.map((a) => a.userId);
  const wanted = await db
    .selectFrom('notificationPreferences')
    .select(['userId', 'sms', 'email'])
    .where('kind', '=', message.kind)
    .where('userId', 'in', reached)
    .execute();
  const contacts = new Map(
    (
      await selectUserContacts(
        db,
        wanted.map((w) => w.userId),
      )
    ).map((c) => [c.id, c]),
  );
  const outgoing: NewNotification[] = [];
  for (const w of wanted) {
    const contact = contacts.get(w.userId);
    if (!contact) continue;
    if (w.sms && contact.mobileEnc)
      outgoing.push({
        channel: 'sms',
        recipient: decryptField(keys, contact.mobileEnc),
        body: `【守沪】${message.titleZh}`,
        orgId: message.orgId,
      });
    if (w.email && contact.emailEnc)
      outgoing.push({
        channel: 'email',
        recipient: decryptField(keys, contact.emailEnc),
        subject: `守沪 Shouhu: ${message.titleZh}`,
        body: `${message.titleZh}\n${message.titleEn}\n\n${message.path}`,
        orgId: message.orgId,
      });
  }
  const endpoints = await selectLiveWebhookEndpoints(db, message.orgId);
  const event = JSON.stringify({
    type: 'inbox.item',
    id: createId(),
    occurredAt: new Date().toISOString(),
    data: { kind: message.kind, title: message.titleZh, titleEn: message.titleEn, path: message.path, record: message.record ?? null },
  });
  for (const endpoint of endpoints)
    outgoing.push({ channel: 'webhook', recipient: endpoint.url, body: event, orgId: message.orgId, webhookEndpointId: endpoint.id });
  await queueNotifications(db, keys, outgoing);
  return reached.length;
}

const userOf = (ctx: Context): string => {
  const userId = actorUserId(ctx);
  if (!userId) throw new AppError('access.denied');
  return userId;
};

/** The signed-in user's inbox, newest first, with how many are unread. */
export async function listInbox(ctx: Context, query: { unread?: boolean; limit: number; offset: number }): Promise<InboxPage> {
  const userId = userOf(ctx);
  const base = ctx.db.selectFrom('inboxItems').where('userId', '=', userId);
  const [items, counts] = await Promise.all([
    base
      .selectAll()
      .$if(query.unread === true, (q) => q.where('readAt', 'is', null))
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base
      .select([sql<string>`count(*)`.as('total'), sql<string>`count(*) filter (where read_at is null)`.as('unread')])
      .executeTakeFirstOrThrow(),
  ]);
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return {
    items: items.map((i) => ({
      id: i.id,
      kind: i.kind,
      titleZh: i.titleZh,
      titleEn: i.titleEn,
      path: i.path,
      recordType: i.recordType,
      recordId: i.recordId,
      dueAt: iso(i.dueAt),
      createdAt: iso(i.createdAt) as string,
      readAt: iso(i.readAt),
    })),
    total: query.unread ? Number(counts.unread) : Number(counts.total),
    unread: Number(counts.unread),
  };
}

/** Marks the user's own items read (one, or all): another user's item is not found. */
export async function markInboxRead(ctx: Context, id?: string): Promise<void> {
  const userId = userOf(ctx);
  const result = await ctx.db
    .updateTable('inboxItems')
    .set({ readAt: sql`now()` })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .$if(id !== undefined, (q) => q.where('id', '=', id as string))
    .executeTakeFirst();
  if (id !== undefined && Number(result.numUpdatedRows) === 0) {
    const mine = await ctx.db.selectFrom('inboxItems').select('id').where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
    if (!mine) throw new AppError('inbox.not_found');
  }
}

export async function listPreferences(ctx: Context): Promise<NotificationPreference[]> {
  const userId = userOf(ctx);
  const rows = await ctx.db.selectFrom('notificationPreferences').select(['kind', 'sms', 'email']).where('userId', '=', userId).execute();
  return INBOX_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return { kind, sms: row?.sms ?? false, email: row?.email ?? false };
  });
}

/** Which kinds also reach the user by SMS or e-mail; SMS needs a mobile on the account, e-mail an address. */
export async function setPreferences(ctx: Context, preferences: NotificationPreference[]): Promise<NotificationPreference[]> {
  const userId = userOf(ctx);
  const [contact] = await selectUserContacts(ctx.db, [userId]);
  const sms = preferences.findIndex((p) => p.sms);
  if (sms >= 0 && !contact?.mobileEnc) throw new AppError('inbox.no_mobile', { field: `body.items.${sms}.sms` });
  const email = preferences.findIndex((p) => p.email);
  if (email >= 0 && !contact?.emailEnc) throw new AppError('inbox.no_email', { field: `body.items.${email}.email` });
  await ctx.db.transaction().execute(async (trx) => {
    for (const p of preferences)
      await trx
        .insertInto('notificationPreferences')
        .values({ userId, kind: p.kind, sms: p.sms, email: p.email })
        .onConflict((oc) => oc.columns(['userId', 'kind']).doUpdateSet({ sms: p.sms, email: p.email }))
        .execute();
  });
  return listPreferences(ctx);
}
