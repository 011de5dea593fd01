import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Items, PasswordReset, UserInput, UserView } from '@shouhu/common';
import { Type } from 'typebox';
import { errorResponses } from '../../platform/http.ts';
import { createUser, getUser, listUsers, resetPassword, setUserDisabled } from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/users',
    {
      config: { access: 'user.read' },
      schema: {
        tags: ['users'],
        summary: 'Users of the own organisation (the regulator: any, by orgId)',
        querystring: Type.Object({ orgId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
        response: { 200: Items(UserView), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await listUsers(req.ctx, req.query) }),
  );
  app.get(
    '/api/v1/users/:id',
    {
      config: { access: 'user.read' },
      schema: {
        tags: ['users'],
        summary: 'One user, masked',
        params: IdParams,
        response: { 200: UserView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => getUser(req.ctx, req.params.id),
  );
  app.post(
    '/api/v1/users',
    {
      config: { access: 'user.manage' },
      schema: {
        tags: ['users'],
        summary: 'Create a staff user; they change the password at first sign-in',
        body: UserInput,
        response: { 201: UserView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(req.ctx, req.body)),
  );
  app.post(
    '/api/v1/users/:id/password-reset',
    {
      config: { access: 'user.manage' },
      schema: {
        tags: ['users'],
        summary: 'Set a one-time password, shown once; the user must change it',
        params: IdParams,
        response: { 200: PasswordReset, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => resetPassword(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: 'user.manage' },
      schema: {
        tags: ['users'],
        summary: 'Disable or enable a user',
        params: IdParams,
        body: Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: UserView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => setUserDisabled(req.ctx, req.params.id, req.body.disabled),
  );
};
