import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.ts';
import { JOB_STATES } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { isLoopbackCaller } from './http.ts';
import { countJobsByState } from './jobs/repo.ts';

/** Prometheus metrics at /metrics: requests by route, database pool, job queue, event-loop lag. */
export function registerMetrics(app: FastifyInstance, database: Database, token?: string): void {
  const register = new Registry();
  // Includes nodejs_eventloop_lag_seconds and its percentiles.
  collectDefaultMetrics({ register });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status_code'],
    registers: [register],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [register],
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database connections by state',
    labelNames: ['state'],
    registers: [register],
    collect() {
      const s = database.poolStats();
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });
  new Gauge({
    name: 'jobs',
    help: 'Background jobs by state (queued = queue depth)',
    labelNames: ['state'],
    registers: [register],
    async collect() {
      const counts = await countJobsByState(database.db);
      for (const state of JOB_STATES) this.set({ state }, counts[state] ?? 0);
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    // The route pattern, not the URL, so that ids do not explode the label set.
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status_code: reply.statusCode });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  // Figures about load, routes and queues: for the monitoring on this machine, or whoever holds the token.
  app.get('/metrics', { schema: { hide: true }, config: { rateLimit: false, access: 'public', ownAuth: true } }, async (req, reply) => {
    const given = req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
    const tokenMatches = token !== undefined && given.length === token.length && timingSafeEqual(Buffer.from(given), Buffer.from(token));
    if (!isLoopbackCaller(req) && !tokenMatches) throw new AppError('auth.required');
    reply.type(register.contentType);
    return register.metrics();
  });
}
