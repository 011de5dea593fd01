import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CitizenSession, CitizenSignInInput, SmsCodeInput } from '@shouhu/common';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { setSessionCookies } from '../auth/routes.ts';
import { errorResponses } from '../http.ts';
import { CITIZEN_SESSION_MS, sendVerificationCode, verifyCode } from './service.ts';

export function citizenRoutes(config: Config): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/v1/public/sms-codes',
      {
        config: { access: 'public', rateLimit: { max: config.AUTH_RATE_LIMIT_MAX, timeWindow: 60_000 } },
        schema: {
          tags: ['public'],
          summary: 'Send a verification code by SMS (5 minutes; once a minute, five an hour per number)',
          body: SmsCodeInput,
          response: { 202: Type.Object({ expiresInSeconds: Type.Integer() }), ...errorResponses(400, 429) },
        },
      },
      async (req, reply) => reply.status(202).send(await sendVerificationCode(req.ctx, req.body)),
    );
    app.post(
      '/api/v1/public/sessions',
      {
        config: { access: 'public', rateLimit: { max: config.AUTH_RATE_LIMIT_MAX, timeWindow: 60_000 } },
        schema: {
          tags: ['public'],
          summary: 'Verify the code: opens a 30-minute session for this mobile’s own records',
          body: CitizenSignInInput,
          response: {
            200: CitizenSession,
            ...errorResponses(400, 401, 429),
          },
        },
      },
      async (req, reply) => {
        const result = await verifyCode(req.ctx, req.body);
        setSessionCookies(req, reply, result.sessionToken, result.csrfToken, CITIZEN_SESSION_MS);
        return { mobile: result.mobile, csrfToken: result.csrfToken };
      },
    );
    app.get(
      '/api/v1/public/me',
      {
        config: { access: 'citizen.self' },
        schema: {
          tags: ['public'],
          summary: 'Whether this browser holds a verified session',
          response: { 200: Type.Object({ verified: Type.Boolean() }), ...errorResponses(401, 403) },
        },
      },
      async () => ({ verified: true }),
    );
  };
}
