import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Organization, OrganizationKindSchema, OrganizationList } from '@shouhu/common';
import { Type } from 'typebox';
import { errorResponses } from '../../platform/http.ts';
import { getOrganization, listOrganizations } from './service.ts';

export const organizationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/organizations',
    {
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
      schema: {
        tags: ['organizations'],
        summary: 'One organisation',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Organization, ...errorResponses(400, 404) },
      },
    },
    (req) => getOrganization(app.db, req.params.id),
  );
};
