import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addDays, FigureAnswer, FigurePeriodQuery, FigureTrend, todayInShanghai } from '@shouhu/common';
import { validationError } from '../errors.ts';
import { assertCan } from './access/hooks.ts';
import { type Context, resolveOrgFilter } from './context.ts';
import { listDays, readFigures, readTrend } from './figure-counts.ts';
import { errorResponses } from './http.ts';
import type { ModuleManifest } from './module.ts';

const MAX_DAYS = 366;
/** A trend is drawn day by day; a quarter is what a chart shows readably. */
const MAX_TREND_DAYS = 92;

/** Each capability's headline numbers for a period, from its manifest: what the regulator's dashboard reads. */
export function figureRoutes(modules: readonly ModuleManifest[]): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/figures',
      {
        config: { access: 'figures.read' },
        schema: {
          tags: ['figures'],
          summary: 'Headline numbers of every capability for a period of Shanghai dates (both ends included)',
          querystring: FigurePeriodQuery,
          response: { 200: FigureAnswer, ...errorResponses(400, 401, 403) },
        },
      },
      async (req) => {
        const query = await resolvePeriod(req.ctx, req.query, MAX_DAYS);
        const figures: Record<string, Record<string, number>> = {};
        for (const m of modules) if (m.figures) figures[m.name] = await readFigures(req.ctx.db, m.name, m.figures, query);
        return { ...query, figures };
      },
    );
    app.get(
      '/api/v1/figures/trend',
      {
        config: { access: 'figures.read' },
        schema: {
          tags: ['figures'],
          summary: 'The same numbers day by day, for trend charts (at most 92 days)',
          querystring: FigurePeriodQuery,
          response: { 200: FigureTrend, ...errorResponses(400, 401, 403) },
        },
      },
      async (req) => {
        const query = await resolvePeriod(req.ctx, req.query, MAX_TREND_DAYS);
        const figures: Record<string, Record<string, number[]>> = {};
        for (const m of modules) if (m.figures) figures[m.name] = await readTrend(req.ctx.db, m.name, m.figures, query);
        return { ...query, days: listDays(query), figures };
      },
    );
  };
}

/** A period asked for, checked, with the institution the reader may see (their own unless the regulator). */
export async function resolvePeriod(ctx: Context, asked: { from?: string; to?: string; orgId?: string }, maxDays: number) {
  const to = asked.to ?? todayInShanghai();
  const from = asked.from ?? addDays(to, -6);
  if (from > to) throw validationError([{ field: 'querystring.to', reason: 'before_start' }]);
  if (addDays(from, maxDays - 1) < to) throw validationError([{ field: 'querystring.from', reason: 'range_too_long', limit: maxDays }]);
  const orgId = resolveOrgFilter(ctx, 'figures.read', asked.orgId);
  await assertCan(ctx, 'figures.read', { orgId: orgId ?? undefined });
  return { from, to, orgId };
}
