import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BranchFlag, Items, todayInShanghai, WithdrawalInput, ZoneChange, ZoneImportAnswer, ZoneInput, ZoneView } from '@shouhu/common';
import { Type } from 'typebox';
import { readTable } from '../../platform/files.ts';
import { errorResponses } from '../../platform/http.ts';
import { changeZone, createZone, findBranchFlags, importZones, listZones, withdrawZone } from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const zoneRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/zones',
    {
      config: { access: 'public' },
      schema: {
        tags: ['branches'],
        summary: 'Lockdown zones in force on a date (default today)',
        querystring: Type.Object({ on: Type.Optional(Type.String({ format: 'date' })) }, { additionalProperties: false }),
        response: { 200: Items(ZoneView), ...errorResponses(400) },
      },
    },
    async (req) => ({ items: await listZones(req.ctx, req.query.on ?? todayInShanghai()) }),
  );
  app.post(
    '/api/v1/zones',
    {
      config: { access: 'zone.manage' },
      schema: {
        tags: ['branches'],
        summary: 'Enter a lockdown zone (compound or whole street)',
        body: ZoneInput,
        response: { 201: Type.Object({ imported: Type.Integer() }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.status(201).send(await createZone(req.ctx, req.body)),
  );
  app.put(
    '/api/v1/zones/:id',
    {
      config: { access: 'zone.manage' },
      schema: {
        tags: ['branches'],
        summary: 'Correct a published zone, saying why (audited)',
        params: IdParams,
        body: ZoneChange,
        response: { 200: ZoneView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => changeZone(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/v1/zones/:id/withdrawal',
    {
      config: { access: 'zone.manage' },
      schema: {
        tags: ['branches'],
        summary: 'Withdraw a zone published in error, saying why (audited)',
        params: IdParams,
        body: WithdrawalInput,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await withdrawZone(req.ctx, req.params.id, req.body.reason);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/zones/import',
    {
      config: { access: 'zone.manage' },
      schema: {
        tags: ['branches'],
        summary:
          'Import the day’s zones from CSV; every bad row is reported by line; nothing is imported unless all are good or partial=true',
        querystring: Type.Object({ partial: Type.Boolean({ default: false }) }, { additionalProperties: false }),
        response: {
          200: ZoneImportAnswer,
          ...errorResponses(400, 401, 403, 415),
        },
      },
    },
    async (req) => importZones(req.ctx, await readTable(req.body as Buffer, req.headers['content-type'] ?? ''), req.query.partial),
  );
  app.get(
    '/api/v1/branch-flags',
    {
      config: { access: 'branch.read' },
      schema: {
        tags: ['branches'],
        summary: 'Branches inside sealed areas on a date, with the closure proposed to their institution',
        querystring: Type.Object(
          { on: Type.Optional(Type.String({ format: 'date' })), radiusKm: Type.Number({ exclusiveMinimum: 0, maximum: 5, default: 0.5 }) },
          { additionalProperties: false },
        ),
        response: { 200: Items(BranchFlag), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await findBranchFlags(req.ctx, req.query.on ?? todayInShanghai(), req.query.radiusKm) }),
  );
};
