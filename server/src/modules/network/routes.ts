import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BRANCH_STATUSES, Items, NetworkBranch, NetworkSummary, todayInShanghai } from '@shouhu/common';
import { Type } from 'typebox';
import { errorResponses } from '../../platform/http.ts';
import { exportNetwork, listNetworkBranches, summarizeNetwork } from './service.ts';

const On = Type.Optional(Type.String({ format: 'date', description: 'default: today in Shanghai' }));

export const networkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/branch-network',
    {
      config: { access: 'network.view' },
      schema: {
        tags: ['branches'],
        summary: 'The branch network by district: open, adjusted, closed, flagged by a sealed zone',
        querystring: Type.Object({ on: On }, { additionalProperties: false }),
        response: { 200: NetworkSummary, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => summarizeNetwork(req.ctx, req.query.on ?? todayInShanghai()),
  );
  app.get(
    '/api/v1/branch-network/branches',
    {
      config: { access: 'network.view' },
      schema: {
        tags: ['branches'],
        summary: 'The branches behind one figure of the network view',
        querystring: Type.Object(
          {
            on: On,
            districtCode: Type.Optional(Type.String({ pattern: '^3101\\d\\d$' })),
            status: Type.Optional(Type.Enum([...BRANCH_STATUSES])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(NetworkBranch), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await listNetworkBranches(req.ctx, req.query.on ?? todayInShanghai(), req.query) }),
  );
  app.get(
    '/api/v1/branch-network/export.xlsx',
    {
      config: { access: 'network.view' },
      schema: {
        tags: ['branches'],
        summary: 'The network as an XLSX workbook (audited)',
        querystring: Type.Object({ on: On }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const on = req.query.on ?? todayInShanghai();
      const file = await exportNetwork(req.ctx, on);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="branch-network-${on}.xlsx"`)
        .send(file);
    },
  );
};
