import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  IncidentDeadline,
  IncidentFollowUpInput,
  IncidentInput,
  IncidentProposal,
  IncidentSummary,
  IncidentView,
  Items,
  TimelineEntry,
} from '@shouhu/common';
import { Type } from 'typebox';
import { errorResponses } from '../../platform/http.ts';
import {
  fileIncidentReport,
  getIncident,
  listIncidentDeadlines,
  listIncidentProposals,
  listIncidents,
  listIncidentTimeline,
  reportIncident,
  setIncidentDeadline,
} from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['incidents'];

export const incidentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/incidents',
    {
      config: { access: 'incident.report' },
      schema: {
        tags,
        summary: 'Report a new incident: its initial report (初报), timed against the level’s deadline',
        body: IncidentInput,
        response: { 201: IncidentView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.status(201).send(await reportIncident(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/incidents',
    {
      config: { access: 'incident.read' },
      schema: {
        tags,
        summary: 'Incidents of the own institution (the regulator: all), the latest first',
        response: { 200: Items(IncidentSummary), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await listIncidents(req.ctx) }),
  );
  app.get(
    '/api/v1/incidents/proposals',
    {
      config: { access: 'incident.read' },
      schema: {
        tags,
        summary: 'Institutions whose public-health closures call for an incident report they have not filed',
        response: { 200: Items(IncidentProposal), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await listIncidentProposals(req.ctx) }),
  );
  app.get(
    '/api/v1/incidents/deadlines',
    {
      config: { access: 'incident.read' },
      schema: {
        tags,
        summary: 'The hours allowed per level for the initial report and between reports',
        response: { 200: Items(IncidentDeadline), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await listIncidentDeadlines(req.ctx) }),
  );
  app.put(
    '/api/v1/incidents/deadlines',
    {
      config: { access: 'incident.configure' },
      schema: {
        tags,
        summary: 'Set the hours allowed for one level',
        body: IncidentDeadline,
        response: { 200: Items(IncidentDeadline), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await setIncidentDeadline(req.ctx, req.body) }),
  );
  app.get(
    '/api/v1/incidents/:id',
    {
      config: { access: 'incident.read' },
      schema: {
        tags,
        summary: 'One incident with every report filed (contact phones masked)',
        params: IdParams,
        response: { 200: IncidentView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => getIncident(req.ctx, req.params.id),
  );
  app.post(
    '/api/v1/incidents/:id/reports',
    {
      config: { access: 'incident.report' },
      schema: {
        tags,
        summary: 'File a follow-up (续报) or the result report (处理结果报告), which closes the incident',
        params: IdParams,
        body: IncidentFollowUpInput,
        response: { 201: IncidentView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await fileIncidentReport(req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/api/v1/incidents/:id/timeline',
    {
      config: { access: 'incident.read' },
      schema: {
        tags,
        summary: 'What happened to the incident, from the audit trail',
        params: IdParams,
        response: { 200: Items(TimelineEntry), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({ items: await listIncidentTimeline(req.ctx, req.params.id) }),
  );
};
