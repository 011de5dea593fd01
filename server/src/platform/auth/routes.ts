import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CodeInput, Me, PasswordChangeInput, PasswordInput, RecoveryCodes, SignInAnswer, SignInInput, TotpEnrolment } from '@shouhu/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import { CSRF_COOKIE, clearSessionCookies, SESSION_COOKIE } from '../access/hooks.ts';
import { errorResponses } from '../http.ts';
import { describeSelf } from './me.ts';
import {
  ABSOLUTE_TIMEOUT_MS,
  beginTotpEnrolment,
  changePassword,
  confirmTotpEnrolment,
  signIn,
  signOut,
  verifySecondFactor,
} from './service.ts';

/** Sets the session cookie (httpOnly) and the CSRF cookie the web app reads back. */
export function setSessionCookies(
  req: FastifyRequest,
  reply: FastifyReply,
  sessionToken: string,
  csrfToken: string,
  maxAgeMs: number,
): void {
  const secure = req.protocol === 'https';
  const maxAge = Math.floor(maxAgeMs / 1000);
  reply.setCookie(SESSION_COOKIE, sessionToken, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge });
  reply.setCookie(CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: 'lax', secure, path: '/', maxAge });
}

export function authRoutes(config: Config): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/v1/auth/sign-in',
      {
        config: { access: 'public', rateLimit: { max: config.AUTH_RATE_LIMIT_MAX, timeWindow: 60_000 } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with user name and password',
          body: SignInInput,
          response: { 200: SignInAnswer, ...errorResponses(400, 401, 403, 423, 429) },
        },
      },
      async (req, reply) => {
        const result = await signIn(req.ctx, config, req.body);
        setSessionCookies(req, reply, result.sessionToken, result.csrfToken, ABSOLUTE_TIMEOUT_MS);
        return {
          secondFactor: result.secondFactor,
          mustChangePassword: result.mustChangePassword,
          csrfToken: result.csrfToken,
          ...(result.secondFactor === 'skipped_demo'
            ? { warning: 'Demo account: signed in without a second factor. 演示账户：未使用动态码登录。' }
            : {}),
        };
      },
    );

    app.post(
      '/api/v1/auth/second-factor',
      {
        config: { access: 'self.manage', rateLimit: { max: config.AUTH_RATE_LIMIT_MAX, timeWindow: 60_000 } },
        schema: {
          tags: ['auth'],
          summary: 'Complete sign-in with an authenticator code or a recovery code',
          body: CodeInput,
          response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (req, reply) => {
        await verifySecondFactor(req.ctx, req.body.code);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/auth/totp/enrolment',
      {
        config: { access: 'self.manage' },
        schema: {
          tags: ['auth'],
          summary:
            'Start setting up an authenticator app (password again; within 10 minutes of signing in until a second factor is passed)',
          body: PasswordInput,
          response: {
            200: TotpEnrolment,
            ...errorResponses(401, 403, 409),
          },
        },
      },
      async (req) => beginTotpEnrolment(req.ctx, req.body.password),
    );

    app.post(
      '/api/v1/auth/totp/confirmation',
      {
        config: { access: 'self.manage' },
        schema: {
          tags: ['auth'],
          summary: 'Confirm the authenticator with a first code; returns recovery codes once',
          body: CodeInput,
          response: { 200: RecoveryCodes, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (req) => confirmTotpEnrolment(req.ctx, req.body.code),
    );

    for (const [path, everywhere] of [
      ['/api/v1/auth/sign-out', false],
      ['/api/v1/auth/sign-out-everywhere', true],
    ] as const) {
      app.post(
        path,
        {
          config: { access: 'self.manage' },
          schema: {
            tags: ['auth'],
            summary: everywhere ? 'Sign out on every device' : 'Sign out',
            response: { 204: Type.Null(), ...errorResponses(401, 403) },
          },
        },
        async (req, reply) => {
          await signOut(req.ctx, everywhere);
          clearSessionCookies(reply);
          return reply.status(204).send(null);
        },
      );
    }

    app.post(
      '/api/v1/auth/password',
      {
        config: { access: 'self.manage', rateLimit: { max: config.AUTH_RATE_LIMIT_MAX, timeWindow: 60_000 } },
        schema: {
          tags: ['auth'],
          summary: 'Change the own password (current password required)',
          body: PasswordChangeInput,
          response: { 204: Type.Null(), ...errorResponses(400, 401, 403) },
        },
      },
      async (req, reply) => {
        await changePassword(req.ctx, req.body);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/me',
      {
        config: { access: 'self.manage' },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user, masked',
          response: {
            200: Me,
            ...errorResponses(401),
          },
        },
      },
      async (req) => describeSelf(req.ctx),
    );
  };
}
