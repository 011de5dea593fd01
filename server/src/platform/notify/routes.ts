import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Items, OutboxItem, WebhookCreated, WebhookPinged, WebhookView } from '@shouhu/common';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import { assertCan } from '../access/hooks.ts';
import { actorOrgId, audit, type Context } from '../context.ts';
import { errorResponses, isLoopbackCaller } from '../http.ts';
import { createId } from '../ids.ts';
import { encryptField } from '../pii/crypto.ts';
import { checkOutboundUrl, type OutboundAllowList, parseAllowList } from './outbound.ts';
import { listOutbox, queueNotification, selectLiveWebhookEndpoints } from './service.ts';

/**
 * Registers a webhook endpoint of the caller's organisation; the signing secret is shown once. An
 * address that is not public (unless allowed by configuration) is refused here and again at each
 * delivery, after the name is resolved anew.
 */
async function createWebhookEndpoint(ctx: Context, url: string, allow: OutboundAllowList, publicBaseUrl: string) {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'webhook.manage', { orgId });
  // The platform's own address would have it call itself with a partner's signature, whatever the allow-list says.
  if (new URL(url).host.toLowerCase() === new URL(publicBaseUrl).host.toLowerCase())
    throw new AppError('webhook.url_is_self', { field: 'url' });
  try {
    await checkOutboundUrl(url, allow);
  } catch (err) {
    throw new AppError('webhook.url_refused', { field: 'url', reason: (err as Error).message });
  }
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const id = createId();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhookEndpoints')
      .values({ id, orgId, url, secretEnc: encryptField(ctx.keys, secret) })
      .execute();
    await audit(ctx, trx, { action: 'webhook.created', orgId, recordType: 'webhook', recordId: id, summary: { url } });
  });
  return { id, url, secret };
}

/** The endpoints of the caller's organisation (the secret is never shown again). */
async function listWebhookEndpoints(ctx: Context) {
  const orgId = actorOrgId(ctx);
  await assertCan(ctx, 'webhook.manage', { orgId });
  const rows = await selectLiveWebhookEndpoints(ctx.db, orgId);
  return rows.map((r) => ({ id: r.id, url: r.url, createdAt: new Date(r.createdAt).toISOString() }));
}

/** Stops deliveries to an endpoint of the caller's organisation; the row stays for the trail of what was sent. */
async function removeWebhookEndpoint(ctx: Context, id: string) {
  const endpoint = await ctx.db
    .selectFrom('webhookEndpoints')
    .select(['id', 'orgId'])
    .where('id', '=', id)
    .where('disabledAt', 'is', null)
    .executeTakeFirst();
  if (!endpoint || endpoint.orgId !== actorOrgId(ctx)) throw new AppError('webhook.not_found');
  await assertCan(ctx, 'webhook.manage', { orgId: endpoint.orgId }, { type: 'webhook', id });
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('webhookEndpoints').set({ disabledAt: new Date() }).where('id', '=', id).execute();
    await audit(ctx, trx, { action: 'webhook.removed', orgId: endpoint.orgId, recordType: 'webhook', recordId: id });
  });
}

/** Sends a signed test event to an endpoint of the caller's organisation. */
async function pingWebhookEndpoint(ctx: Context, id: string) {
  const endpoint = await ctx.db
    .selectFrom('webhookEndpoints')
    .select(['id', 'orgId', 'url'])
    .where('id', '=', id)
    .where('disabledAt', 'is', null)
    .executeTakeFirst();
  if (!endpoint || endpoint.orgId !== actorOrgId(ctx)) throw new AppError('webhook.not_found');
  await assertCan(ctx, 'webhook.manage', { orgId: endpoint.orgId }, { type: 'webhook', id });
  const body = JSON.stringify({ type: 'webhook.ping', id: createId(), occurredAt: new Date().toISOString() });
  return ctx.db.transaction().execute(async (trx) => {
    const notificationId = await queueNotification(trx, ctx.keys, {
      channel: 'webhook',
      recipient: endpoint.url,
      body,
      orgId: endpoint.orgId,
      webhookEndpointId: id,
    });
    await audit(ctx, trx, { action: 'webhook.pinged', orgId: endpoint.orgId, recordType: 'webhook', recordId: id });
    return { notificationId };
  });
}

export const webhookRoutes =
  (config: { OUTBOUND_ALLOWED_HOSTS: string; publicBaseUrl: string }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const allow = parseAllowList(config.OUTBOUND_ALLOWED_HOSTS);
    app.get(
      '/api/v1/webhooks',
      {
        config: { access: 'webhook.manage' },
        schema: {
          tags: ['notifications'],
          summary: "The organisation's webhook endpoints",
          response: {
            200: Items(WebhookView),
            ...errorResponses(401, 403),
          },
        },
      },
      async (req) => ({ items: await listWebhookEndpoints(req.ctx) }),
    );
    app.delete(
      '/api/v1/webhooks/:id',
      {
        config: { access: 'webhook.manage' },
        schema: {
          tags: ['notifications'],
          summary: 'Stop sending events to an endpoint',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await removeWebhookEndpoint(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/v1/webhooks',
      {
        config: { access: 'webhook.manage' },
        schema: {
          tags: ['notifications'],
          summary: 'Register a webhook endpoint; the signing secret is shown once',
          body: Type.Object(
            { url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500 }) },
            { additionalProperties: false },
          ),
          response: {
            201: WebhookCreated,
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (req, reply) => reply.status(201).send(await createWebhookEndpoint(req.ctx, req.body.url, allow, config.publicBaseUrl)),
    );
    app.post(
      '/api/v1/webhooks/:id/ping',
      {
        config: { access: 'webhook.manage' },
        schema: {
          tags: ['notifications'],
          summary: 'Send a signed test event (X-Shouhu-Timestamp, X-Shouhu-Signature: sha256 HMAC of "timestamp.body")',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 202: WebhookPinged, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => reply.status(202).send(await pingWebhookEndpoint(req.ctx, req.params.id)),
    );
  };

/**
 * Shows sent SMS and e-mail in full. Registered only when DEV_OUTBOX is on (by default: embedded
 * database only), and answers only callers on this machine: to anyone else it does not exist.
 */
export const devOutboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/dev/outbox',
    {
      config: { access: 'public' },
      onRequest: async (req) => {
        if (!isLoopbackCaller(req)) throw new AppError('route.not_found', { method: req.method, path: '/api/v1/dev/outbox' });
      },
      schema: {
        tags: ['notifications'],
        summary: 'Development outbox: the latest SMS and e-mail (off in production)',
        response: {
          200: Items(OutboxItem),
        },
      },
    },
    async (req) => ({ items: await listOutbox(req.ctx.db, req.ctx.keys) }),
  );
};
