import type { KeyObject } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { selectLiveApiToken, touchApiToken } from '../../modules/api-tokens/repo.ts';
import { IDLE_TIMEOUT_MS } from '../auth/service.ts';
import { forgetSessions, recallSession, rememberSession } from '../auth/session-cache.ts';
import { hashToken, tokensMatch } from '../auth/tokens.ts';
import { auditRefused, type Context } from '../context.ts';
import type { KeyRing } from '../pii/keys.ts';
import { type Action, type Actor, can } from './policy.ts';

/** Every route says who may call it: 'public', or an action of the policy. */
export type AccessRule = 'public' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
    /** The route checks its caller itself (a token of its own): no session or API token is read. */
    ownAuth?: boolean;
    /** A public route whose answer carries personal data (tracking by reference and mobile). */
    personal?: boolean;
  }
  interface FastifyRequest {
    ctx: Context;
    /** How the caller authenticated: cookies need a CSRF token on unsafe requests, bearer tokens do not. */
    authVia: 'cookie' | 'bearer' | 'none';
  }
}

export const SESSION_COOKIE = 'shouhu_session';
export const CSRF_COOKIE = 'shouhu_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Writing last_seen_at on every request would turn reads into writes; a minute's precision is enough.
const TOUCH_AFTER_MS = 60_000;

/** A live session (not revoked, not past its end) with what access depends on of its user. */
function selectLiveSession(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .leftJoin('users', 'users.id', 'sessions.userId')
    .select([
      'sessions.id',
      'sessions.kind',
      'sessions.mfaPassed',
      'sessions.mobileHash',
      'sessions.csrfHash',
      'sessions.lastSeenAt',
      'sessions.expiresAt',
      'users.id as userId',
      'users.orgId',
      'users.role',
      'users.disabledAt',
      'users.mustChangePassword',
    ])
    .where('sessions.tokenHash', '=', tokenHash)
    .where('sessions.revokedAt', 'is', null)
    .where('sessions.expiresAt', '>', sql<Date>`now()`)
    .executeTakeFirst();
}
type SessionRow = NonNullable<Awaited<ReturnType<typeof selectLiveSession>>>;

async function resolveActor(
  db: Db,
  req: FastifyRequest,
): Promise<{ actor: Actor; via: 'cookie' | 'bearer' | 'none'; csrfHash?: string; mustChangePassword?: boolean; stale?: boolean }> {
  const authorization = req.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const token = await selectLiveApiToken(db, hashToken(authorization.slice(7).trim()));
    if (!token) throw new AppError('auth.token_invalid');
    if (!token.lastUsedAt || Date.now() - new Date(token.lastUsedAt).getTime() > TOUCH_AFTER_MS) {
      await touchApiToken(db, token.id);
    }
    return { actor: { type: 'token', tokenId: token.id, orgId: token.orgId, role: token.role, scopes: token.scopes }, via: 'bearer' };
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (!cookie) return { actor: { type: 'anonymous' }, via: 'none' };
  const tokenHash = hashToken(cookie);
  let session = recallSession<SessionRow>(tokenHash);
  if (!session) {
    session = await selectLiveSession(db, tokenHash);
    if (session) rememberSession(tokenHash, session);
  }
  // A kept copy may outlive the session's absolute end by a few seconds: check it here too.
  if (session && new Date(session.expiresAt).getTime() <= Date.now()) session = undefined;
  // A cookie of a session that has ended is not an error of the request: it goes on as anonymous.
  if (!session || session.disabledAt) return { actor: { type: 'anonymous' }, via: 'none', stale: true };
  const idle = Date.now() - new Date(session.lastSeenAt).getTime();
  if (idle > IDLE_TIMEOUT_MS) {
    forgetSessions();
    await db.updateTable('sessions').set({ revokedAt: new Date() }).where('id', '=', session.id).execute();
    return { actor: { type: 'anonymous' }, via: 'none', stale: true };
  }
  if (idle > TOUCH_AFTER_MS) {
    session.lastSeenAt = new Date();
    await db.updateTable('sessions').set({ lastSeenAt: session.lastSeenAt }).where('id', '=', session.id).execute();
  }
  if (session.kind === 'citizen') {
    return {
      actor: { type: 'citizen', sessionId: session.id, mobileHash: session.mobileHash ?? '' },
      via: 'cookie',
      csrfHash: session.csrfHash,
    };
  }
  return {
    actor: {
      type: 'user',
      userId: session.userId as string,
      orgId: session.orgId as string,
      role: session.role as Extract<Actor, { type: 'user' }>['role'],
      sessionId: session.id,
      mfaPassed: session.mfaPassed,
    },
    via: 'cookie',
    csrfHash: session.csrfHash,
    mustChangePassword: session.mustChangePassword ?? false,
  };
}

/**
 * Authenticates every request and enforces the route's access rule before the body is even
 * validated. A route without a rule is refused (fail closed); the access-matrix test finds it.
 * Added to each route after the rate limit's own hook (register this after @fastify/rate-limit),
 * so that refused requests — bad CSRF token, no access, bad token — count against the limit too.
 */
export function registerAccessControl(app: FastifyInstance, keys: KeyRing, auditKey: KeyObject): void {
  app.decorateRequest('ctx', null as unknown as Context);
  app.decorateRequest('authVia', 'none');
  app.addHook('onRoute', (route) => {
    route.onRequest = [route.onRequest ?? []].flat().concat(checkAccess);
  });
  async function checkAccess(req: FastifyRequest, reply: FastifyReply) {
    const rule = req.routeOptions.config?.access;
    req.ctx = { db: app.db, keys, auditKey, actor: { type: 'anonymous' }, requestId: req.id, ip: req.ip };
    if (req.routeOptions.url === undefined || req.routeOptions.config?.ownAuth) return; // not found: the 404 handler answers
    const { actor, via, csrfHash, mustChangePassword, stale } = await resolveActor(app.db, req);
    req.ctx.actor = actor;
    req.authVia = via;
    // A revoked or expired session's cookies are cleared, so that the browser stops sending them.
    if (stale) clearSessionCookies(reply);
    // Whatever is answered to someone signed in, or behind an access rule, may carry personal data:
    // no browser or proxy keeps it. Public pages for everyone stay cacheable.
    if (rule !== 'public' || actor.type !== 'anonymous' || req.routeOptions.config?.personal) reply.header('cache-control', 'no-store');
    if (rule === 'public') return;
    if (rule === undefined) {
      req.log.error({ route: req.routeOptions.url }, 'route has no access rule');
      throw new AppError('access.denied');
    }
    if (actor.type === 'anonymous') throw new AppError(stale ? 'auth.session_expired' : 'auth.required');
    if (via === 'cookie' && UNSAFE.has(req.method)) {
      const given = req.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !csrfHash || !tokensMatch(given, csrfHash)) {
        await auditRefused(req.ctx, {
          action: 'access.csrf_failed',
          outcome: 'denied',
          summary: { route: req.routeOptions.url, method: req.method },
        });
        throw new AppError('auth.csrf_failed');
      }
    }
    if (rule !== 'self.manage') {
      if (actor.type === 'user' && !actor.mfaPassed) throw new AppError('auth.second_factor_required');
      if (mustChangePassword) throw new AppError('auth.password_change_required');
    }
    if (!can(actor, rule)) {
      await auditRefused(req.ctx, {
        action: 'access.denied',
        outcome: 'denied',
        orgId: 'orgId' in actor ? actor.orgId : null,
        summary: { route: req.routeOptions.url, method: req.method, rule },
      });
      throw new AppError('access.denied');
    }
  }
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** Service-level check against a record's tenant; denials are audited. */
export async function assertCan(
  ctx: Context,
  action: Action,
  resource: { orgId?: string | null },
  record?: { type: string; id: string },
): Promise<void> {
  if (can(ctx.actor, action, resource)) return;
  await auditRefused(ctx, {
    action: 'access.denied',
    outcome: 'denied',
    orgId: resource.orgId ?? null,
    recordType: record?.type,
    recordId: record?.id,
    summary: { rule: action },
  });
  throw new AppError('access.denied');
}
