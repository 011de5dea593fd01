import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdjustmentView,
  AssignmentInput,
  FallbackInput,
  Items,
  STAFF_POSTS,
  StaffChange,
  StaffImportAnswer,
  StaffInput,
  StaffingBoard,
  StaffingCoverage,
  StaffingPlanInput,
  StaffingPlanView,
  StaffPostInput,
  StaffPostView,
  StaffView,
  todayInShanghai,
  WithdrawalInput,
} from '@shouhu/common';
import { Type } from 'typebox';
import { readTable, XLSX_TYPE } from '../../platform/files.ts';
import { errorResponses } from '../../platform/http.ts';
import { addOwnPost, changeStaff, createStaff, exportStaff, importStaff, listOwnPosts, listStaff, removeStaff } from './service.ts';
import { acceptSubstitute, applyFallback, approvePlan, computeBoard, draftPlan, listPlans, readCoverage } from './staffing.ts';

const tags = ['staff'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const OnQuery = Type.Object(
  { on: Type.Optional(Type.String({ format: 'date', description: 'the date whose zones decide who is locked in (default today)' })) },
  { additionalProperties: false },
);

export const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/staff',
    {
      config: { access: 'staff.read' },
      schema: {
        tags,
        summary: 'The own institution’s roster, masked, with who is locked in by a zone on a date',
        querystring: Type.Object(
          {
            on: Type.Optional(Type.String({ format: 'date' })),
            branchId: Type.Optional(Type.String({ format: 'uuid' })),
            post: Type.Optional(Type.String({ maxLength: 40, description: `${STAFF_POSTS.join(', ')}, or own:…` })),
            lockedIn: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(StaffView), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await listStaff(req.ctx, { ...req.query, on: req.query.on ?? todayInShanghai() }) }),
  );
  app.post(
    '/api/v1/staff',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary: 'Add a person to the roster',
        body: StaffInput,
        response: { 201: StaffView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await createStaff(req.ctx, req.body, todayInShanghai())),
  );
  app.put(
    '/api/v1/staff/:id',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary: 'Correct a roster entry, saying why (audited without the person’s data)',
        params: IdParams,
        body: StaffChange,
        response: { 200: StaffView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => changeStaff(req.ctx, req.params.id, req.body, todayInShanghai()),
  );
  app.post(
    '/api/v1/staff/:id/removal',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary: 'Take someone off the roster, saying why (audited)',
        params: IdParams,
        body: WithdrawalInput,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeStaff(req.ctx, req.params.id, req.body.reason);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/staff/import',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary: 'Import roster rows from CSV or XLSX; every bad row is named; nothing is imported unless all are good or partial=true',
        querystring: Type.Object({ partial: Type.Boolean({ default: false }) }, { additionalProperties: false }),
        response: { 200: StaffImportAnswer, ...errorResponses(400, 401, 403, 409, 415) },
      },
    },
    async (req) => importStaff(req.ctx, await readTable(req.body, req.headers['content-type'] ?? ''), req.query.partial),
  );
  app.get(
    '/api/v1/staff/export',
    {
      config: { access: 'staff.read' },
      schema: {
        tags,
        summary: 'The roster as on screen (masked), as CSV or XLSX',
        querystring: Type.Object(
          { format: Type.Enum(['csv', 'xlsx'], { default: 'xlsx' }), ...OnQuery.properties },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const body = await exportStaff(req.ctx, req.query.format, req.query.on ?? todayInShanghai());
      return reply
        .type(req.query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
        .header('content-disposition', `attachment; filename="staff.${req.query.format}"`)
        .send(body);
    },
  );
  app.get(
    '/api/v1/staff-posts',
    {
      config: { access: 'staff.read' },
      schema: {
        tags,
        summary: 'The institution’s own posts, besides the standard ones',
        response: { 200: Items(StaffPostView), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await listOwnPosts(req.ctx) }),
  );
  app.post(
    '/api/v1/staff-posts',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary: 'Add a post of the institution’s own',
        body: StaffPostInput,
        response: { 201: StaffPostView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await addOwnPost(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/staffing',
    {
      config: { access: 'staff.read' },
      schema: {
        tags,
        summary:
          'The staffing board for a date: each branch with a plan, its people per post against the minimum, substitutes for the short',
        querystring: OnQuery,
        response: { 200: StaffingBoard, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => computeBoard(req.ctx, req.query.on ?? todayInShanghai()),
  );
  app.get(
    '/api/v1/staffing/coverage',
    {
      config: { access: 'staffing.coverage' },
      schema: {
        tags,
        summary: 'The city’s staffing on a date by district, and each branch short with no substitute (as last recorded)',
        querystring: OnQuery,
        response: { 200: StaffingCoverage, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => readCoverage(req.ctx, req.query.on ?? todayInShanghai()),
  );
  app.post(
    '/api/v1/staffing/substitutes',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary: 'Accept a substitute for a short post on a day (one of two admins accepting at once wins)',
        body: AssignmentInput,
        response: { 200: StaffingBoard, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => acceptSubstitute(req.ctx, req.body),
  );
  app.post(
    '/api/v1/staffing/fallbacks',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary: 'Apply a short branch’s fallback for the day: its plan’s shorter hours or closure, as an adjustment',
        body: FallbackInput,
        response: { 201: AdjustmentView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await applyFallback(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/staffing-plans',
    {
      config: { access: 'staff.read' },
      schema: {
        tags,
        summary: 'Every version of the branches’ contingency plans, the one in force marked',
        querystring: Type.Object({ branchId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
        response: { 200: Items(StaffingPlanView), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await listPlans(req.ctx, req.query.branchId) }),
  );
  app.post(
    '/api/v1/staffing-plans',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary: 'Draft the next version of a branch’s plan: minimum people per post, and the fallback',
        body: StaffingPlanInput,
        response: { 201: StaffingPlanView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.status(201).send(await draftPlan(req.ctx, req.body)),
  );
  app.post(
    '/api/v1/staffing-plans/:id/approval',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary: 'Approve a drafted plan: it is in force until a later version is approved',
        params: IdParams,
        response: { 200: StaffingPlanView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => approvePlan(req.ctx, req.params.id),
  );
};
