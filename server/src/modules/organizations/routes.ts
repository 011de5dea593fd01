import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ORGANIZATION_KINDS } from '../../db/schema.ts';
import { errorResponses } from '../../platform/http.ts';
import { getOrganization, listOrganizations } from './service.ts';

const OrganizationKind = Type.Enum([...ORGANIZATION_KINDS]);
const Organization = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  kind: OrganizationKind,
  nameZh: Type.String(),
  nameEn: Type.String(),
  uscc: Type.Union([Type.String(), Type.Null()]),
  parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
});

export const organizationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'List organisations on the platform',
        querystring: Type.Object({ kind: Type.Optional(OrganizationKind) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Organization) }), ...errorResponses(400) },
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
