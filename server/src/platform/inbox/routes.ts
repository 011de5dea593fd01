import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InboxPage, Items, NotificationPreference, Programme } from '@shouhu/common';
import { Type } from 'typebox';
import { resolveOrgFilter } from '../context.ts';
import { errorResponses } from '../http.ts';
import type { ModuleManifest } from '../module.ts';
import { listInbox, listPreferences, markInboxRead, setPreferences } from './service.ts';

/** Each console user's inbox (待办消息), their notification choices, and the programmes their organisation is in. */
export function inboxRoutes(modules: readonly ModuleManifest[]): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/inbox',
      {
        config: { access: 'self.use' },
        schema: {
          tags: ['inbox'],
          summary: 'What waits for the signed-in user, newest first, with the unread count',
          querystring: Type.Object(
            {
              unread: Type.Optional(Type.Boolean()),
              limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
              offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
            },
            { additionalProperties: false },
          ),
          response: { 200: InboxPage, ...errorResponses(400, 401, 403) },
        },
      },
      async (req) => listInbox(req.ctx, req.query),
    );
    app.post(
      '/api/v1/inbox/:id/read',
      {
        config: { access: 'self.use' },
        schema: {
          tags: ['inbox'],
          summary: 'Mark one item read',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await markInboxRead(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/v1/inbox/read-all',
      {
        config: { access: 'self.use' },
        schema: { tags: ['inbox'], summary: 'Mark every item read', response: { 204: Type.Null(), ...errorResponses(401, 403) } },
      },
      async (req, reply) => {
        await markInboxRead(req.ctx);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/v1/inbox/preferences',
      {
        config: { access: 'self.use' },
        schema: {
          tags: ['inbox'],
          summary: 'Which kinds of item also reach the user by SMS or e-mail',
          response: { 200: Items(NotificationPreference), ...errorResponses(401, 403) },
        },
      },
      async (req) => ({ items: await listPreferences(req.ctx) }),
    );
    app.put(
      '/api/v1/inbox/preferences',
      {
        config: { access: 'self.use' },
        schema: {
          tags: ['inbox'],
          summary: 'Choose which kinds of item also reach the user by SMS or e-mail',
          body: Type.Object({ items: Type.Array(NotificationPreference, { maxItems: 50 }) }, { additionalProperties: false }),
          response: { 200: Items(NotificationPreference), ...errorResponses(400, 401, 403) },
        },
      },
      async (req) => ({ items: await setPreferences(req.ctx, req.body.items) }),
    );
    app.get(
      '/api/v1/programmes',
      {
        config: { access: 'programme.read' },
        schema: {
          tags: ['inbox'],
          summary: 'The programmes an organisation takes part in (its own; the regulator any, with orgId)',
          querystring: Type.Object({ orgId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
          response: { 200: Items(Programme), ...errorResponses(400, 401, 403) },
        },
      },
      async (req) => {
        const orgId = resolveOrgFilter(req.ctx, 'programme.read', req.query.orgId);
        const lists = await Promise.all(modules.map((m) => (orgId && m.programmes ? m.programmes(req.ctx, orgId) : Promise.resolve([]))));
        return { items: lists.flat() };
      },
    );
  };
}
