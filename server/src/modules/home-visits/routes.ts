import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AssignableStaff,
  ContactRevealInput,
  HOME_VISIT_STATUSES,
  HomeVisitContact,
  HomeVisitCreated,
  HomeVisitInput,
  HomeVisitStatusView,
  HomeVisitView,
  IdentityCheckInput,
  Items,
  OutcomeInput,
  ScheduleInput,
  TimelineEntry,
} from '@shouhu/common';
import { Type } from 'typebox';
import { errorResponses } from '../../platform/http.ts';
import {
  acceptHomeVisit,
  checkIdentity,
  getHomeVisit,
  listAssignableStaff,
  listHomeVisits,
  listHomeVisitTimeline,
  listMyHomeVisits,
  recordOutcome,
  requestHomeVisit,
  revealHomeVisitContact,
  scheduleHomeVisit,
} from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['home visits'];

export const homeVisitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/public/home-visits',
    {
      config: { access: 'citizen.self' },
      schema: {
        tags,
        summary: 'Ask for a home visit (citizen verified by SMS code, for the verified mobile)',
        body: HomeVisitInput,
        response: { 201: HomeVisitCreated, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.status(201).send(await requestHomeVisit(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/public/home-visits',
    {
      config: { access: 'citizen.self' },
      schema: {
        tags,
        summary: 'The verified citizen’s own requests',
        response: { 200: Items(HomeVisitStatusView), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await listMyHomeVisits(req.ctx) }),
  );
  app.post(
    '/api/v1/home-visits',
    {
      config: { access: 'homeVisit.manage' },
      schema: {
        tags,
        summary: 'Raise a home visit on a customer’s behalf (after a phone call)',
        body: HomeVisitInput,
        response: { 201: HomeVisitCreated, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.status(201).send(await requestHomeVisit(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/home-visits',
    {
      config: { access: 'homeVisit.manage' },
      schema: {
        tags,
        summary: 'The institution’s home-visit requests, newest first (personal data masked)',
        querystring: Type.Object({ status: Type.Optional(Type.Enum([...HOME_VISIT_STATUSES])) }, { additionalProperties: false }),
        response: { 200: Items(HomeVisitView), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await listHomeVisits(req.ctx, req.query) }),
  );
  app.get(
    '/api/v1/home-visits/:id',
    {
      config: { access: 'homeVisit.manage' },
      schema: { tags, summary: 'One request', params: IdParams, response: { 200: HomeVisitView, ...errorResponses(400, 401, 403, 404) } },
    },
    async (req) => getHomeVisit(req.ctx, req.params.id),
  );
  app.post(
    '/api/v1/home-visits/:id/acceptance',
    {
      config: { access: 'homeVisit.manage' },
      schema: {
        tags,
        summary: 'Accept the request (first response)',
        params: IdParams,
        response: { 200: HomeVisitView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => acceptHomeVisit(req.ctx, req.params.id),
  );
  app.post(
    '/api/v1/home-visits/:id/identity-check',
    {
      config: { access: 'homeVisit.manage' },
      schema: {
        tags,
        summary: 'Record the identity check: resident ID (validated), name, documents seen',
        params: IdParams,
        body: IdentityCheckInput,
        response: { 200: HomeVisitView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => checkIdentity(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/v1/home-visits/:id/assignable-staff',
    {
      config: { access: 'homeVisit.manage' },
      schema: {
        tags,
        summary: 'Staff who could go, and whether each is free to move (home not in a sealed or controlled zone today)',
        params: IdParams,
        response: { 200: Items(AssignableStaff), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({ items: await listAssignableStaff(req.ctx, req.params.id) }),
  );
  app.post(
    '/api/v1/home-visits/:id/schedule',
    {
      config: { access: 'homeVisit.manage' },
      schema: {
        tags,
        summary: 'Assign a staff member who is free to move, at a time',
        params: IdParams,
        body: ScheduleInput,
        response: { 200: HomeVisitView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => scheduleHomeVisit(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/home-visits/:id/outcome',
    {
      config: { access: 'homeVisit.manage' },
      schema: {
        tags,
        summary: 'Close the visit: done, partly done, refused or not reachable',
        params: IdParams,
        body: OutcomeInput,
        response: { 200: HomeVisitView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => recordOutcome(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/v1/home-visits/:id/timeline',
    {
      config: { access: 'homeVisit.manage' },
      schema: {
        tags,
        summary: 'The work order’s history: who did what, when (from the audit trail)',
        params: IdParams,
        response: { 200: Items(TimelineEntry), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({ items: await listHomeVisitTimeline(req.ctx, req.params.id) }),
  );
  app.post(
    '/api/v1/home-visits/:id/contact',
    {
      config: { access: 'homeVisit.manage', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary:
          'The customer’s name, mobile and full address: for the assigned staff member while the visit is open, else with the reveal permission and a reason (audited)',
        params: IdParams,
        body: ContactRevealInput,
        response: { 200: HomeVisitContact, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => revealHomeVisitContact(req.ctx, req.params.id, req.body),
  );
};
