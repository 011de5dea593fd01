import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  COMPLAINT_STATUSES,
  ComplaintCreated,
  ComplaintDecisionInput,
  ComplaintExtensionInput,
  ComplaintInput,
  ComplaintPauseInput,
  ComplaintView,
  Items,
  TimelineEntry,
} from '@shouhu/common';
import { Type } from 'typebox';
import { errorResponses } from '../../platform/http.ts';
import {
  decideComplaint,
  extendComplaint,
  getComplaint,
  listComplaints,
  listComplaintTimeline,
  pauseComplaint,
  receiveComplaint,
  resumeComplaint,
} from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['complaints'];

export const complaintRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // One intake, two doors: the citizen's own (online), and the staff's for what came by other channels.
  for (const [url, access, summary] of [
    [
      '/api/v1/public/complaints',
      'citizen.self',
      'Complain about a bank or insurer (citizen verified by SMS code, for the verified mobile)',
    ],
    ['/api/v1/complaints', 'complaint.handle', 'Enter a complaint received by telephone, video, WeChat or in person'],
  ] as const)
    app.post(
      url,
      {
        config: { access },
        schema: { tags, summary, body: ComplaintInput, response: { 201: ComplaintCreated, ...errorResponses(400, 401, 403) } },
      },
      async (req, reply) => reply.status(201).send(await receiveComplaint(req.ctx, req.body)),
    );
  app.get(
    '/api/v1/complaints',
    {
      config: { access: 'complaint.handle' },
      schema: {
        tags,
        summary: 'The institution’s complaints, the soonest due first, each with its clock',
        querystring: Type.Object({ status: Type.Optional(Type.Enum([...COMPLAINT_STATUSES])) }, { additionalProperties: false }),
        response: { 200: Items(ComplaintView), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await listComplaints(req.ctx, req.query) }),
  );
  app.get(
    '/api/v1/complaints/:id',
    {
      config: { access: 'complaint.handle' },
      schema: { tags, summary: 'One complaint', params: IdParams, response: { 200: ComplaintView, ...errorResponses(400, 401, 403, 404) } },
    },
    async (req) => getComplaint(req.ctx, req.params.id),
  );
  app.get(
    '/api/v1/complaints/:id/timeline',
    {
      config: { access: 'complaint.handle' },
      schema: {
        tags,
        summary: 'What happened to the complaint, from the audit trail',
        params: IdParams,
        response: { 200: Items(TimelineEntry), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({ items: await listComplaintTimeline(req.ctx, req.params.id) }),
  );
  app.post(
    '/api/v1/complaints/:id/extension',
    {
      config: { access: 'complaint.handle' },
      schema: {
        tags,
        summary: 'Extend a complex case: to 30 days with a reason, then to 60 with the senior manager’s approval',
        params: IdParams,
        body: ComplaintExtensionInput,
        response: { 200: ComplaintView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => extendComplaint(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/complaints/:id/pause',
    {
      config: { access: 'complaint.handle' },
      schema: {
        tags,
        summary: 'Pause the clock for an appraisal, testing or valuation, or an agreed mediation',
        params: IdParams,
        body: ComplaintPauseInput,
        response: { 200: ComplaintView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => pauseComplaint(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/complaints/:id/resumption',
    {
      config: { access: 'complaint.handle' },
      schema: {
        tags,
        summary: 'Resume the clock after a pause',
        params: IdParams,
        response: { 200: ComplaintView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => resumeComplaint(req.ctx, req.params.id),
  );
  app.post(
    '/api/v1/complaints/:id/decision',
    {
      config: { access: 'complaint.handle' },
      schema: {
        tags,
        summary: 'Decide: what was verified, the grounds, the remedies open (the clock stops, the complainant is told)',
        params: IdParams,
        body: ComplaintDecisionInput,
        response: { 200: ComplaintView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => decideComplaint(req.ctx, req.params.id, req.body),
  );
};
