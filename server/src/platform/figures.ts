import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addDays, FigureAnswer, todayInShanghai } from '@shouhu/common';
import { Type } from 'typebox';
import { validationError } from '../errors.ts';
import { assertCan } from './access/hooks.ts';
import { resolveOrgFilter } from './context.ts';
import { errorResponses } from './http.ts';
import type { ModuleManifest } from './module.ts';

const MAX_DAYS = 366;

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
          querystring: Type.Object(
            {
              from: Type.Optional(Type.String({ format: 'date', description: 'default: 6 days before `to`' })),
              to: Type.Optional(Type.String({ format: 'date', description: 'default: today in Shanghai' })),
              orgId: Type.Optional(Type.String({ format: 'uuid', description: 'one institution (the regulator only)' })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: FigureAnswer,
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (req) => {
        const to = req.query.to ?? todayInShanghai();
        const from = req.query.from ?? addDays(to, -6);
        if (from > to) throw validationError([{ field: 'querystring.to', reason: 'before_start' }]);
        if (addDays(from, MAX_DAYS - 1) < to)
          throw validationError([{ field: 'querystring.from', reason: 'range_too_long', limit: MAX_DAYS }]);
        const orgId = resolveOrgFilter(req.ctx, 'figures.read', req.query.orgId);
        await assertCan(req.ctx, 'figures.read', { orgId: orgId ?? undefined });
        const figures: Record<string, Record<string, number>> = {};
        for (const m of modules) if (m.figures) figures[m.name] = await m.figures(req.ctx.db, { from, to, orgId });
        return { from, to, orgId, figures };
      },
    );
  };
}
