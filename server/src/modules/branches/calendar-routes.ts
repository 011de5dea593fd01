import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CorrectionReason, HolidayOverride, HolidayOverrideInput, Items } from '@shouhu/common';
import { Type } from 'typebox';
import { validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { audit } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { announceBranchChange } from './finder.ts';
import { deleteHolidayOverride, selectHolidayOverrides, upsertHolidayOverride } from './repo.ts';

/** The admin override table of the holiday calendar: the State Council's notice for a year the package does not know. */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/holiday-overrides',
    {
      config: { access: 'public' },
      schema: {
        tags: ['branches'],
        summary: 'Dates whose holiday status overrides the packaged calendar',
        response: { 200: Items(HolidayOverride) },
      },
    },
    async (req) => ({ items: await selectHolidayOverrides(req.ctx.db) }),
  );
  app.put(
    '/api/v1/holiday-overrides/:date',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags: ['branches'],
        summary: 'Set a date as holiday, make-up working day, workday or weekend',
        params: Type.Object({ date: Type.String({ format: 'date' }) }),
        body: HolidayOverrideInput,
        response: { 200: HolidayOverride, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      await assertCan(req.ctx, 'calendar.manage', {});
      const row = { date: req.params.date, kind: req.body.kind, name: req.body.name ?? null };
      // Replacing a date's setting corrects something published: it needs the reason.
      const before = (await selectHolidayOverrides(req.ctx.db)).find((o) => o.date === row.date);
      if (before && !req.body.changeReason) throw validationError([{ field: 'body.changeReason', reason: 'required' }]);
      await req.ctx.db.transaction().execute(async (trx) => {
        await upsertHolidayOverride(trx, row);
        await audit(req.ctx, trx, {
          action: 'calendar.overridden',
          recordType: 'date',
          recordId: row.date,
          summary: { before: before ?? null, after: row, ...(req.body.changeReason ? { reason: req.body.changeReason.trim() } : {}) },
        });
        await announceBranchChange(trx, 'calendar');
      });
      return row;
    },
  );
  app.delete(
    '/api/v1/holiday-overrides/:date',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags: ['branches'],
        summary: 'Remove an override, saying why (audited)',
        params: Type.Object({ date: Type.String({ format: 'date' }) }),
        querystring: Type.Object({ reason: CorrectionReason }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await assertCan(req.ctx, 'calendar.manage', {});
      await req.ctx.db.transaction().execute(async (trx) => {
        await deleteHolidayOverride(trx, req.params.date);
        await audit(req.ctx, trx, {
          action: 'calendar.override_removed',
          recordType: 'date',
          recordId: req.params.date,
          summary: { reason: req.query.reason.trim() },
        });
        await announceBranchChange(trx, 'calendar');
      });
      return reply.status(204).send(null);
    },
  );
};
