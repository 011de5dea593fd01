import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Items, prefixOfReference, REFERENCE_PATTERN, TrackAnswer } from '@shouhu/common';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import type { Context } from '../context.ts';
import { errorResponses } from '../http.ts';
import type { ModuleManifest, Tracker } from '../module.ts';
import { hashField } from '../pii/crypto.ts';
import { normalizeMobile } from './service.ts';

/** Whether `mobile` is the one a request was made with (by its keyed hash); a malformed number is simply not it. */
export function isRequestMobile(ctx: Context, mobileHash: string, mobile: string | undefined): boolean {
  if (!mobile) return false;
  try {
    return hashField(ctx.keys, 'mobile', normalizeMobile(mobile, 'querystring.mobile')) === mobileHash;
  } catch {
    return false;
  }
}

/**
 * Public reference numbers look like HV-20220415-000123: a prefix per kind of request, the date,
 * a number. Each module that issues them declares a tracker for its prefix in its manifest.
 */
export function trackRoutes(
  config: Config,
  trackers: Readonly<Record<string, Tracker>>,
  modules: readonly ModuleManifest[],
): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/public/my-requests',
      {
        config: { access: 'citizen.self' },
        schema: {
          tags: ['public'],
          summary: "The verified citizen's own requests of every kind, newest first",
          response: { 200: Items(TrackAnswer), ...errorResponses(401, 403) },
        },
      },
      async (req) => {
        const lists = await Promise.all(modules.map((m) => m.myRequests?.(req.ctx) ?? Promise.resolve([])));
        return { items: lists.flat().sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1)) };
      },
    );
    app.get(
      '/api/v1/public/track/:reference',
      {
        // Limited like sign-in, so reference numbers cannot be guessed by enumeration.
        config: { access: 'public', personal: true, rateLimit: { max: config.AUTH_RATE_LIMIT_MAX, timeWindow: 60_000 } },
        schema: {
          tags: ['public'],
          summary: 'Follow a request by its public reference number, without an account',
          params: Type.Object({ reference: Type.String({ pattern: REFERENCE_PATTERN }) }),
          querystring: Type.Object(
            { mobile: Type.Optional(Type.String({ maxLength: 20, description: 'the mobile the request was made with' })) },
            { additionalProperties: false },
          ),
          response: {
            200: TrackAnswer,
            ...errorResponses(400, 404, 429),
          },
        },
      },
      async (req) => {
        const reference = req.params.reference.toUpperCase();
        const prefix = prefixOfReference(reference);
        const answer = Object.hasOwn(trackers, prefix) ? await trackers[prefix]?.(req.ctx, reference, req.query.mobile) : undefined;
        if (!answer) throw new AppError('reference.not_found', { field: 'reference' });
        return answer;
      },
    );
  };
}
