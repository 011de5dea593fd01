import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BaselineInput, Items, ServiceLevelBreach, ServiceLevelTarget, ThroughputReport } from '@shouhu/common';
import { Type } from 'typebox';
import { errorResponses } from '../../platform/http.ts';
import { findBreaches, listTargets, reportThroughput, setBaseline, setTarget } from './service.ts';

const tags = ['service levels'];
const Scope = (maxDays: number, defaultDays: number) =>
  Type.Object(
    {
      orgId: Type.Optional(Type.String({ format: 'uuid', description: 'the regulator: one institution' })),
      days: Type.Integer({ minimum: 1, maximum: maxDays, default: defaultDays }),
    },
    { additionalProperties: false },
  );

export const serviceLevelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/service-levels/targets',
    {
      config: { access: 'serviceLevel.read' },
      schema: {
        tags,
        summary: 'The institution’s targets',
        response: { 200: Items(ServiceLevelTarget), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await listTargets(req.ctx) }),
  );
  app.put(
    '/api/v1/service-levels/targets',
    {
      config: { access: 'serviceLevel.manage' },
      schema: {
        tags,
        summary: 'Set a target: minutes to first response and to completion, per channel and service (or all services)',
        body: ServiceLevelTarget,
        response: { 200: Items(ServiceLevelTarget), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await setTarget(req.ctx, req.body) }),
  );
  app.get(
    '/api/v1/service-levels/breaches',
    {
      config: { access: 'serviceLevel.read' },
      schema: {
        tags,
        summary: 'Requests and sessions that missed a target in the last days (the institution’s own; the regulator’s: all)',
        querystring: Scope(31, 7),
        response: { 200: Items(ServiceLevelBreach), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await findBreaches(req.ctx, req.query) }),
  );
  app.put(
    '/api/v1/throughput/baseline',
    {
      config: { access: 'serviceLevel.manage' },
      schema: {
        tags,
        summary: 'Set the normal period a channel is compared with',
        body: BaselineInput,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await setBaseline(req.ctx, req.body);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/throughput',
    {
      config: { access: 'serviceLevel.read' },
      schema: {
        tags,
        summary: 'Customers served per day by home visit and by video against the baseline, per institution',
        querystring: Scope(92, 14),
        response: { 200: ThroughputReport, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => reportThroughput(req.ctx, req.query),
  );
};
