import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CorrectionReason,
  HOLIDAY_KINDS,
  HolidayOverride,
  HolidayOverrideInput,
  Items,
  MissingYears,
  todayInShanghai,
} from '@shouhu/common';
import { Type } from 'typebox';
import { errorResponses } from '../../platform/http.ts';
import {
  enterHolidayYear,
  listHolidayOverrides,
  listMissingYears,
  loadCalendar,
  removeHolidayOverride,
  setHolidayOverride,
} from './service.ts';

const NoticeDay = Type.Object(
  {
    date: Type.String({ format: 'date' }),
    kind: Type.Enum(HOLIDAY_KINDS.filter((k) => k === 'holiday' || k === 'makeup')),
    name: Type.String({ maxLength: 40 }),
  },
  { additionalProperties: false },
);

/** The admin override table of the holiday calendar: the State Council's notice for a year the package does not know. */
export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/holiday-overrides',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calendar'],
        summary: 'Dates whose holiday status overrides the packaged calendar',
        response: { 200: Items(HolidayOverride) },
      },
    },
    async (req) => ({ items: await listHolidayOverrides(req.ctx.db) }),
  );
  app.get(
    '/api/v1/calendar/missing-years',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calendar'],
        summary: 'Years starting within 60 days (or started) whose holidays the calendar does not know',
        response: { 200: MissingYears },
      },
    },
    async (req) => ({ years: listMissingYears(await loadCalendar(req.ctx.db), todayInShanghai()) }),
  );
  app.put(
    '/api/v1/holiday-overrides/:date',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: 'Set a date as holiday, make-up working day, workday or weekend',
        params: Type.Object({ date: Type.String({ format: 'date' }) }),
        body: HolidayOverrideInput,
        response: { 200: HolidayOverride, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) =>
      setHolidayOverride(req.ctx, { date: req.params.date, kind: req.body.kind, name: req.body.name ?? null }, req.body.changeReason),
  );
  app.put(
    '/api/v1/calendar/years/:year',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: "Enter a year's holidays and make-up working days: the State Council's notice pasted as text, or the days listed",
        params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
        body: Type.Object(
          {
            text: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
            days: Type.Optional(Type.Array(NoticeDay, { minItems: 1, maxItems: 80 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Items(NoticeDay), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await enterHolidayYear(req.ctx, req.params.year, req.body) }),
  );
  app.delete(
    '/api/v1/holiday-overrides/:date',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: 'Remove an override, saying why (audited)',
        params: Type.Object({ date: Type.String({ format: 'date' }) }),
        querystring: Type.Object({ reason: CorrectionReason }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await removeHolidayOverride(req.ctx, req.params.date, req.query.reason);
      return reply.status(204).send(null);
    },
  );
};
