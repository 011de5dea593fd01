import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Items } from '@shouhu/common';
import { Type } from 'typebox';
import { assertCan } from '../../platform/access/hooks.ts';
import { audit } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { announceBranchChange } from './finder.ts';
import { deleteHolidayOverride, selectHolidayOverrides, upsertHolidayOverride } from './repo.ts';

const Override = Type.Object({
  date: Type.String({ format: 'date' }),
  kind: Type.Enum(['workday', 'weekend', 'holiday', 'makeup']),
  name: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
});

/** The admin override table of the holiday calendar: the State Council's notice for a year the package does not know. */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/holiday-overrides',
    {
      config: { access: 'public' },
      schema: {
        tags: ['branches'],
        summary: 'Dates whose holiday status overrides the packaged calendar',
        response: { 200: Items(Override) },
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
        body: Type.Object(
          { kind: Type.Enum(['workday', 'weekend', 'holiday', 'makeup']), name: Type.Optional(Type.String({ maxLength: 40 })) },
          { additionalProperties: false },
        ),
        response: { 200: Override, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      await assertCan(req.ctx, 'calendar.manage', {});
      const row = { date: req.params.date, kind: req.body.kind, name: req.body.name ?? null };
      await req.ctx.db.transaction().execute(async (trx) => {
        await upsertHolidayOverride(trx, row);
        await audit(req.ctx, trx, { action: 'calendar.overridden', recordType: 'date', recordId: row.date, summary: { after: row } });
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
        summary: 'Remove an override',
        params: Type.Object({ date: Type.String({ format: 'date' }) }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await assertCan(req.ctx, 'calendar.manage', {});
      await req.ctx.db.transaction().execute(async (trx) => {
        await deleteHolidayOverride(trx, req.params.date);
        await audit(req.ctx, trx, { action: 'calendar.override_removed', recordType: 'date', recordId: req.params.date });
        await announceBranchChange(trx, 'calendar');
      });
      return reply.status(204).send(null);
    },
  );
};
