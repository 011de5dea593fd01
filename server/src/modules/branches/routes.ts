import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AdjustmentChange,
  AdjustmentInput,
  AdjustmentView,
  BRANCH_SERVICES,
  BranchImportAccepted,
  BranchInput,
  BranchListItem,
  BranchView,
  ChannelChange,
  ChannelInput,
  ChannelView,
  DISTRICT_CENTRES,
  Items,
  NearestAnswer,
  WithdrawalInput,
} from '@shouhu/common';
import { Type } from 'typebox';
import { validationError } from '../../errors.ts';
import { requireStreet } from '../../platform/divisions.ts';
import { readTable, XLSX_TYPE } from '../../platform/files.ts';
import { errorResponses } from '../../platform/http.ts';
import type { BranchFinder } from './finder.ts';
import {
  addAdjustment,
  addChannel,
  changeAdjustment,
  changeBranch,
  changeChannel,
  createBranch,
  getBranch,
  listAdjustments,
  listBranches,
  listChannels,
  withdrawAdjustment,
  withdrawChannel,
} from './service.ts';
import { exportBranches, startBranchImport } from './transfer.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const AdjustmentParams = Type.Object({ id: Type.String({ format: 'uuid' }), adjustmentId: Type.String({ format: 'uuid' }) });

export function branchRoutes(finder: BranchFinder): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/branches',
      {
        config: { access: 'branch.read' },
        schema: {
          tags: ['branches'],
          summary: 'Branches of the own institution (regulator and associations: all, or one institution by orgId)',
          querystring: Type.Object({ orgId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
          response: { 200: Items(BranchListItem), ...errorResponses(400, 401, 403) },
        },
      },
      async (req) => ({ items: await listBranches(req.ctx, req.query) }),
    );
    app.post(
      '/api/v1/branches',
      {
        config: { access: 'branch.manage' },
        schema: {
          tags: ['branches'],
          summary: 'Register a branch of the own institution',
          body: BranchInput,
          response: { 201: BranchView, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.status(201).send(await createBranch(req.ctx, req.body)),
    );
    app.post(
      '/api/v1/branches/import',
      {
        config: { access: 'branch.manage' },
        schema: {
          tags: ['branches'],
          summary:
            'Import branches from CSV (UTF-8 or GB18030) or XLSX: every bad row reported by line; written by a job with progress (see /api/v1/jobs/{id})',
          querystring: Type.Object({ partial: Type.Boolean({ default: false }) }, { additionalProperties: false }),
          response: {
            202: BranchImportAccepted,
            ...errorResponses(400, 401, 403, 415),
          },
        },
      },
      async (req, reply) => {
        const table = await readTable(req.body as Buffer, req.headers['content-type'] ?? '');
        const started = await startBranchImport(req.ctx, table, req.query.partial);
        req.server.worker?.wake();
        return reply.status(202).send(started);
      },
    );
    app.get(
      '/api/v1/branches/export',
      {
        config: { access: 'branch.read' },
        schema: {
          tags: ['branches'],
          summary: 'The own institution’s branches as CSV or XLSX (the import’s columns)',
          querystring: Type.Object({ format: Type.Enum(['csv', 'xlsx'], { default: 'xlsx' }) }, { additionalProperties: false }),
        },
      },
      async (req, reply) => {
        const file = await exportBranches(req.ctx, req.query.format);
        return reply
          .type(req.query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
          .header('content-disposition', `attachment; filename="branches.${req.query.format}"`)
          .send(file);
      },
    );
    app.get(
      '/api/v1/branches/:id',
      {
        config: { access: 'branch.read' },
        schema: {
          tags: ['branches'],
          summary: 'One branch',
          params: IdParams,
          response: { 200: BranchView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => getBranch(req.ctx, req.params.id),
    );
    app.put(
      '/api/v1/branches/:id',
      {
        config: { access: 'branch.manage' },
        schema: {
          tags: ['branches'],
          summary: 'Change a branch',
          params: IdParams,
          body: BranchInput,
          response: { 200: BranchView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => changeBranch(req.ctx, req.params.id, req.body),
    );
    app.get(
      '/api/v1/branches/:id/adjustments',
      {
        config: { access: 'branch.read' },
        schema: {
          tags: ['branches'],
          summary: 'Dated changes of hours and closures of a branch',
          params: IdParams,
          response: { 200: Items(AdjustmentView), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => ({ items: await listAdjustments(req.ctx, req.params.id) }),
    );
    app.post(
      '/api/v1/branches/:id/adjustments',
      {
        config: { access: 'branch.manage' },
        schema: {
          tags: ['branches'],
          summary: 'Close a branch or change its hours for some dates; overlapping adjustments are refused',
          params: IdParams,
          body: AdjustmentInput,
          response: { 201: AdjustmentView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => reply.status(201).send(await addAdjustment(req.ctx, req.params.id, req.body)),
    );
    app.put(
      '/api/v1/branches/:id/adjustments/:adjustmentId',
      {
        config: { access: 'branch.manage' },
        schema: {
          tags: ['branches'],
          summary: 'Correct a published adjustment, saying why (audited; the finder and the next notice follow)',
          params: AdjustmentParams,
          body: AdjustmentChange,
          response: { 200: AdjustmentView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => changeAdjustment(req.ctx, req.params.id, req.params.adjustmentId, req.body),
    );
    app.post(
      '/api/v1/branches/:id/adjustments/:adjustmentId/withdrawal',
      {
        config: { access: 'branch.manage' },
        schema: {
          tags: ['branches'],
          summary: 'Withdraw a published adjustment, saying why: a withdrawn closure reopens the branch in the finder at once',
          params: AdjustmentParams,
          body: WithdrawalInput,
          response: { 200: AdjustmentView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => withdrawAdjustment(req.ctx, req.params.id, req.params.adjustmentId, req.body.reason),
    );
    app.get(
      '/api/v1/channels',
      {
        config: { access: 'branch.read' },
        schema: {
          tags: ['branches'],
          summary: 'Online channels of the own institution',
          response: { 200: Items(ChannelView), ...errorResponses(401, 403) },
        },
      },
      async (req) => ({ items: (await listChannels(req.ctx)) as ChannelView[] }),
    );
    app.post(
      '/api/v1/channels',
      {
        config: { access: 'branch.manage' },
        schema: {
          tags: ['branches'],
          summary: 'Add an online channel (app, web, WeChat, hotline, video)',
          body: ChannelInput,
          response: { 201: ChannelView, ...errorResponses(400, 401, 403) },
        },
      },
      async (req, reply) => reply.status(201).send(await addChannel(req.ctx, req.body)),
    );
    app.put(
      '/api/v1/channels/:id',
      {
        config: { access: 'branch.manage' },
        schema: {
          tags: ['branches'],
          summary: 'Correct an online channel, saying why (audited)',
          params: IdParams,
          body: ChannelChange,
          response: { 200: ChannelView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req) => (await changeChannel(req.ctx, req.params.id, req.body)) as ChannelView,
    );
    app.post(
      '/api/v1/channels/:id/withdrawal',
      {
        config: { access: 'branch.manage' },
        schema: {
          tags: ['branches'],
          summary: 'Withdraw an online channel, saying why (audited): the finder stops offering it',
          params: IdParams,
          body: WithdrawalInput,
          response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await withdrawChannel(req.ctx, req.params.id, req.body.reason);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/v1/public/branches/nearest',
      {
        config: { access: 'public' },
        schema: {
          tags: ['public'],
          summary:
            'The nearest branches open at a time (default now) for a service, from a point or a street; when none, those opening soonest and the online channels',
          querystring: Type.Object(
            {
              lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
              lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
              streetCode: Type.Optional(
                Type.String({ pattern: '^3101\\d{5}$', description: 'search from this street (街道、乡镇) instead of a point' }),
              ),
              service: Type.Optional(Type.Enum([...BRANCH_SERVICES])),
              at: Type.Optional(Type.String({ format: 'date-time' })),
              limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
              radius: Type.Number({ exclusiveMinimum: 0, maximum: 100, default: 10, description: 'km' }),
              openOnly: Type.Boolean({ default: true }),
            },
            { additionalProperties: false },
          ),
          response: { 200: NearestAnswer, ...errorResponses(400) },
        },
      },
      // The finder answers with the JSON already encoded (see findNearest); tests check it against the schema.
      async (req, reply) => {
        const from = locateQuery(finder, req.query);
        return reply.type('application/json; charset=utf-8').send(
          finder.findNearest({
            lat: from.lat,
            lng: from.lng,
            service: req.query.service,
            at: req.query.at ? new Date(req.query.at) : new Date(),
            limit: req.query.limit,
            radiusKm: req.query.radius,
            openOnly: req.query.openOnly,
          }) as unknown as NearestAnswer,
        );
      },
    );
  };
}

/** The point a finder query searches from: its own, or its street's (the street's branches' middle, else its district's centre). */
function locateQuery(finder: BranchFinder, query: { lat?: number; lng?: number; streetCode?: string }): { lat: number; lng: number } {
  if (query.streetCode) {
    const street = requireStreet(query.streetCode);
    return finder.locateStreet(street.code) ?? (DISTRICT_CENTRES[street.districtCode] as { lat: number; lng: number });
  }
  if (query.lat === undefined || query.lng === undefined) {
    throw validationError([{ field: query.lat === undefined ? 'querystring.lat' : 'querystring.lng', reason: 'required' }]);
  }
  return { lat: query.lat, lng: query.lng };
}
