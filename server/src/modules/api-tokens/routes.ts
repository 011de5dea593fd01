import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GrantableScopes, Items, TokenCreated, TokenInput, TokenView } from '@shouhu/common';
import { Type } from 'typebox';
import { errorResponses } from '../../platform/http.ts';
import { createApiToken, listApiTokens, listGrantableScopes, revokeApiToken } from './service.ts';

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
        response: { 200: GrantableScopes, ...errorResponses(401, 403) },
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
        body: TokenInput,
        response: {
          201: TokenCreated,
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
