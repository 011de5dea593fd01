import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Organization, OrganizationChange, OrganizationInput, OrganizationKindSchema, OrganizationList } from '@shouhu/common';
import { Type } from 'typebox';
import { errorResponses } from '../../platform/http.ts';
import { changeOrganization, createOrganization, getOrganization, listOrganizations } from './service.ts';

export const organizationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/organizations',
    {
      config: { access: 'public' },
      schema: {
        tags: ['organizations'],
        summary: 'List organisations on the platform',
        querystring: Type.Object({ kind: Type.Optional(OrganizationKindSchema) }, { additionalProperties: false }),
        response: { 200: OrganizationList, ...errorResponses(400) },
      },
    },
    async (req) => ({ items: await listOrganizations(app.db, req.query) }),
  );
  app.get(
    '/api/v1/organizations/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['organizations'],
        summary: 'One organisation',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Organization, ...errorResponses(400, 404) },
      },
    },
    (req) => getOrganization(app.db, req.params.id),
  );
  app.post(
    '/api/v1/organizations',
    {
      config: { access: 'organization.manage' },
      schema: {
        tags: ['organizations'],
        summary: 'Register an organisation (regulator)',
        body: OrganizationInput,
        response: { 201: Organization, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await createOrganization(req.ctx, req.body)),
  );
  app.patch(
    '/api/v1/organizations/:id',
    {
      config: { access: 'organization.manage' },
      schema: {
        tags: ['organizations'],
        summary: 'Change names, credit code or parent (regulator)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: OrganizationChange,
        response: { 200: Organization, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => changeOrganization(req.ctx, req.params.id, req.body),
  );
};
