import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import underPressure from '@fastify/under-pressure';
import { ClockProblem, type FieldReason } from '@shouhu/common';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Config } from './config.ts';
import type { Database, Db } from './db/database.ts';
import { isDatabaseUnavailable } from './db/database.ts';
import { AppError, toErrorBody, validationError } from './errors.ts';
import { collectAttachable, collectRecordNamers, collectRevealable, collectTrackers, MODULES } from './modules/index.ts';
import { registerAccessControl } from './platform/access/hooks.ts';
import { attachmentRoutes } from './platform/attachments/routes.ts';
import { flushRefusalAudits } from './platform/audit/refusals.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import { authRoutes } from './platform/auth/routes.ts';
import { forgetSessions, SESSIONS_CHANNEL } from './platform/auth/session-cache.ts';
import { checkWatchedSessions } from './platform/auth/session-watch.ts';
import { citizenRoutes } from './platform/citizen/routes.ts';
import { trackRoutes } from './platform/citizen/track.ts';
import { deskRoutes } from './platform/desk.ts';
import { figureRoutes } from './platform/figures.ts';
import { registerFileParsers } from './platform/files.ts';
import { registerHealthRoutes } from './platform/health.ts';
import { inboxRoutes } from './platform/inbox/routes.ts';
import { findUnstorableValue } from './platform/input.ts';
import { jobRoutes } from './platform/jobs/routes.ts';
import type { Worker } from './platform/jobs/worker.ts';
import { createLoggerOptions } from './platform/logger.ts';
import { registerMetrics } from './platform/metrics.ts';
import type { ModuleManifest } from './platform/module.ts';
import { devOutboxRoutes, webhookRoutes } from './platform/notify/routes.ts';
import { deriveAuditKey, type KeyRing } from './platform/pii/keys.ts';
import { revealRoutes } from './platform/pii/reveal.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: Database;
    worker: Worker | null;
    /** Every route with its access rule, for the access-matrix test and audits of the policy. */
    routeTable: { method: string; url: string; access: string | undefined }[];
  }
}

export interface AppOptions {
  config: Config;
  database: Database;
  keys: KeyRing;
  worker?: Worker | null;
  /** Tests pass their own logger to read what is logged. */
  logger?: FastifyBaseLogger;
  /** The capabilities to serve: all of them unless a test adds or leaves out some. */
  modules?: readonly ModuleManifest[];
}

const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const REQUEST_ID = /^[\w-]{1,64}$/;

/** Builds the application; `main` listens with it, tests inject requests into it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const modules = options.modules ?? MODULES;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: createLoggerOptions(config.LOG_LEVEL) }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    requestIdHeader: false,
    // Keep a caller's request id (for tracing across a load balancer) when it is a sane token.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // strictNumbers: NaN and ±Infinity are not numbers a column can hold (1e999 parses as Infinity).
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false, strictNumbers: true } },
    return503OnClosing: true,
    // The router's and the HTTP parser's own refusals answer in the platform's error model too.
    frameworkErrors: (error, _req, reply) => {
      const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'request.path_too_long' : 'request.bad_url';
      const appError = new AppError(code);
      void (reply as unknown as FastifyReply).status(appError.entry.status).send(toErrorBody(appError));
    },
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('database', database);
  app.decorate('db', database.db);
  app.decorate('worker', options.worker ?? null);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // Pages, documentation and health checks are public; every /api/ route must name its access rule.
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') && route.config?.access === undefined) route.config = { ...route.config, access: 'public' };
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeTable.push({ method, url: route.url, access: route.config?.access });
    }
  });

  // Values no column can hold are refused before any handler runs, so no write ever sees one. After
  // the schema, because coercion makes numbers of text: "1e999" in a query becomes Infinity there.
  app.addHook('preHandler', async (req) => {
    for (const [part, value] of [
      ['body', req.body],
      ['querystring', req.query],
      ['params', req.params],
    ] as const) {
      const problem = findUnstorableValue(value, part);
      if (problem) throw validationError([problem]);
    }
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    const answer = classifyError(error);
    if (answer.code === 'internal.error') req.log.error({ err: error }, 'unhandled error');
    else if (answer.code === 'service.unavailable') {
      req.log.warn({ err: error }, 'service unavailable');
      reply.header('retry-after', '5');
    }
    // A framework refusal (e.g. 414, 431) keeps its own status under the general code.
    const status = answer.code === 'request.invalid' ? (error.statusCode ?? 400) : answer.statusCode;
    return reply.status(status).send(toErrorBody(answer));
  });

  await app.register(cookie);
  registerFileParsers(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { 'img-src': ["'self'", 'data:'], 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"] },
    },
  });
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  await app.register(cors, { origin: origins.length > 0 ? origins : false });
  await app.register(underPressure, {
    maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
    pressureHandler: (_req, reply, _type, value) => {
      // A sample interval in which the loop never turned (one long synchronous step, now over)
      // reads as Infinity, not as a delay: the loop is free again, so the request goes on.
      if (value === Number.POSITIVE_INFINITY) return;
      reply
        .status(503)
        .header('retry-after', '5')
        .send(toErrorBody(new AppError('service.unavailable')));
    },
  });
  // Several processes behind one address share their counts in Redis; when it cannot be reached,
  // requests go on (a limit is a guard, not a gate: accounts still lock) and the log says so.
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, app.log) : undefined;
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
  await app.register(rateLimit, {
    ...(redis ? { redis, skipOnError: true, nameSpace: 'shouhu-rl-' } : {}),
    max: config.RATE_LIMIT_MAX,
    timeWindow: 60_000,
    // The web app's built files are immutable and cost no database work; the console alone is
    // some fifty of them, which would spend a phone's limit (or a shared address's) on loading.
    allowList: (req) => req.url.startsWith('/assets/'),
    // Only a refused request says where its caller stands (limit, reset, retry-after): three more
    // headers on every answer cost a public read about a tenth of its time (docs/BENCHMARKS.md).
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: (_req, context) => {
      const error = new AppError('rate_limit.exceeded', { retryAfterSeconds: Math.ceil(context.ttl / 1000) });
      return error;
    },
  });

  // After the rate limit: a refused request counts against the caller's limit like any other.
  registerAccessControl(app, options.keys, deriveAuditKey(options.keys));
  app.addHook('onClose', () => flushRefusalAudits());

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Shouhu API (守沪)',
        version: '0.1.0',
        description:
          'Keeping banking and insurance services running through a lockdown. Every error answers `{"error":{"code","message","message_zh","details"}}`, the HTTP server\'s own refusals too: 400 `request.bad_url`, 408 `request.timeout`, 414 `request.path_too_long` (a path segment over 100 characters), 431 `request.headers_too_large` (headers over 16 KB).',
      },
      tags: [
        { name: 'system', description: 'Health and readiness' },
        { name: 'jobs', description: 'Background jobs' },
        { name: 'auth', description: 'Sign-in, second factor, sessions' },
        { name: 'audit', description: 'The hash-chained audit trail' },
        { name: 'personal data', description: 'Revealing masked personal data' },
        { name: 'notifications', description: 'SMS, e-mail and signed webhooks' },
        { name: 'public', description: 'Citizens: verification by SMS code' },
        { name: 'figures', description: 'Each capability’s headline numbers for a period' },
        { name: 'attachments', description: 'Files on records: type-sniffed, size-limited, downloads audited' },
        { name: 'inbox', description: 'Each user’s inbox, notification choices and the programmes their organisation takes part in' },
        ...modules.flatMap((m) => m.tags ?? []),
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  registerMetrics(app, database, config.METRICS_TOKEN);
  registerHealthRoutes(app);
  await app.register(authRoutes(config));
  await app.register(jobRoutes);
  await app.register(auditRoutes(collectRecordNamers(modules)));
  await app.register(revealRoutes(collectRevealable(modules)));
  await app.register(webhookRoutes(config));
  await app.register(citizenRoutes(config));
  await app.register(trackRoutes(config, collectTrackers(modules), modules));
  await app.register(figureRoutes(modules));
  await app.register(deskRoutes(modules));
  await app.register(inboxRoutes(modules));
  await app.register(attachmentRoutes(collectAttachable(modules)));
  // Sessions kept for a few seconds are forgotten when any process revokes one (see session-cache),
  // and after the notices' connection comes back (a revocation may have been missed meanwhile).
  const onSessionsChanged = () => {
    forgetSessions();
    void checkWatchedSessions();
  };
  const stopSessions = await database.listen(SESSIONS_CHANNEL, onSessionsChanged, onSessionsChanged).catch((err) => {
    app.log.warn({ err }, 'session change notices unavailable');
    return async () => {};
  });
  app.addHook('onClose', () => stopSessions());
  for (const module of modules) await module.register?.(app, { config, database, keys: options.keys, modules });
  if (config.devOutbox) await app.register(devOutboxRoutes);
  // The benchmarks' baseline: one row inserted and committed, nothing else (bench/intake.ts).
  if (config.BENCH_ROUTES) {
    app.post('/bench/insert', { config: { access: 'public', rateLimit: false } }, async () => {
      await database.db
        .insertInto('jobs')
        .values({ id: randomUUID(), type: 'bench.row', payload: '{}', orgId: null, singletonKey: null })
        .execute();
      return { ok: true };
    });
  }

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: 'index.html',
      preCompressed: true,
      // Built assets have content hashes in their names: cache them for good; the page itself never.
      setHeaders: (reply, path) =>
        reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    const wantsPage = req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (wantsPage && existsSync(WEB_DIST)) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send(toErrorBody(new AppError('route.not_found', { method: req.method, path: req.url.split('?')[0] })));
  });

  return app;
}

/** A schema keyword broken, as a field reason code (and the bound, where there is one). */
function toFieldReason(keyword: string, limit: number | undefined, format?: string): { reason: FieldReason; limit?: number } {
  switch (keyword) {
    case 'required':
      return { reason: 'required' };
    case 'minLength':
      return limit === 1 ? { reason: 'required' } : { reason: 'too_short', limit };
    case 'maxLength':
      return { reason: 'too_long', limit };
    case 'pattern':
      return { reason: 'format' };
    case 'format':
      // An id that is not one: nothing was chosen from the list (or something made up).
      return { reason: format === 'uuid' ? 'choice' : 'format' };
    case 'enum':
    case 'const':
    case 'anyOf':
      return { reason: 'choice' };
    case 'minimum':
    case 'exclusiveMinimum':
      return { reason: 'too_small', limit };
    case 'maximum':
    case 'exclusiveMaximum':
      return { reason: 'too_large', limit };
    case 'minItems':
      return { reason: 'too_few', limit };
    case 'maxItems':
      return { reason: 'too_many', limit };
    case 'uniqueItems':
      return { reason: 'duplicate' };
    case 'additionalProperties':
      return { reason: 'not_allowed' };
    case 'type':
      return { reason: 'type' };
    default:
      return { reason: 'invalid' };
  }
}

/** Maps any thrown error onto a catalogue code; validation errors name each field. */
/** Loaded only when configured: a single process has no use for the client. */
async function connectRedis(url: string, log: FastifyBaseLogger) {
  const { Redis } = await import('ioredis');
  // A request waits at most a moment for Redis: rate limiting must not hold the platform up.
  const redis = new Redis(url, {
    connectTimeout: 1000,
    commandTimeout: 500,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: false,
  });
  redis.on('error', (err) =>
    log.warn(
      { err: err.message },
      'redis unavailable: rate limits are not counted until it answers (accounts still lock after failed sign-ins)',
    ),
  );
  return redis;
}

function classifyError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  // A case clock refused a step (paused twice, resumed when running): the capability's 409.
  if ((error as Error) instanceof ClockProblem) return new AppError((error as unknown as ClockProblem).code);
  if (error.validation) {
    const problems = error.validation.map((v) => {
      const params = v.params as { missingProperty?: string; additionalProperty?: string; limit?: number; format?: string };
      const extra = params.missingProperty ?? params.additionalProperty;
      const path = `${v.instancePath}${extra ? `/${extra}` : ''}`.replace(/^\//, '').replaceAll('/', '.');
      const { reason, limit } = toFieldReason(v.keyword, params.limit, params.format);
      return { field: [error.validationContext, path].filter(Boolean).join('.'), reason, ...(limit === undefined ? {} : { limit }) };
    });
    // One problem per field: the first (allErrors lists every keyword a value broke).
    return validationError(problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('request.invalid_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('request.body_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('request.unsupported_media_type');
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return new AppError('request.invalid_json');
  if (error.statusCode === 429) return new AppError('rate_limit.exceeded');
  if (error.statusCode === 503 || isDatabaseUnavailable(error)) return new AppError('service.unavailable');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new AppError('request.invalid', { reason: error.message });
  return new AppError('internal.error');
}

/**
 * A request Node could not parse (headers over 16 KB, a request that never finished arriving):
 * answered on the socket in the platform's error model, as Node would answer it otherwise.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 'request.headers_too_large'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request.timeout'
        : 'request.invalid';
  const appError = new AppError(code);
  const body = JSON.stringify(toErrorBody(appError));
  const status = appError.entry.status;
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}
