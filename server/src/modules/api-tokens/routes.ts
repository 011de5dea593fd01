import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Items } from '@shouhu/common';
import { Type } from 'typebox';
import { errorResponses } from '../../platform/http.ts';
import { createApiToken, listApiTokens, listGrantableScopes, revokeApiToken } from './service.ts';

const TokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  expiresAt: Type.String({ format: 'date-time' }),
  revoked: Type.Boolean(),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

export const apiTokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/api-tokens',
    {
      config: { access: 'token.manage' },
      schema: {
        tags: ['api tokens'],
        summary: 'API tokens of the own organisation',
        response: { 200: Items(TokenView), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await listApiTokens(req.ctx) }),
  );
  app.get(
    '/api/v1/api-tokens/scopes',
    {
      config: { access: 'token.manage' },
      schema: {
        tags: ['api tokens'],
        summary: 'The actions the signed-in person may give a token (what they may do and a system may do for them)',
        response: { 200: Type.Object({ scopes: Type.Array(Type.String()) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ scopes: listGrantableScopes(req.ctx) }),
  );
  app.post(
    '/api/v1/api-tokens',
    {
      config: { access: 'token.manage' },
      schema: {
        tags: ['api tokens'],
        summary: 'Create an API token (shown once) for a partner system',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 20 }),
            expiresInDays: Type.Integer({ minimum: 1, maximum: 366 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Type.String(), token: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (req, reply) => reply.status(201).send(await createApiToken(req.ctx, req.body)),
  );
  app.delete(
    '/api/v1/api-tokens/:id',
    {
      config: { access: 'token.manage' },
      schema: {
        tags: ['api tokens'],
        summary: 'Revoke an API token',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await revokeApiToken(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );
};
