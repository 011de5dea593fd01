import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { findPendingMigrations, pingDatabase } from '../db/database.ts';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Optional(Type.String()),
  pendingMigrations: Type.Optional(Type.Array(Type.String())),
  reason: Type.Optional(Type.String()),
});

export function registerHealthRoutes(app: FastifyInstance): void {
  const noLimit = { rateLimit: false, access: 'public' as const };
  app.get(
    '/healthz',
    { config: noLimit, schema: { tags: ['system'], summary: 'The process is alive', response: { 200: Health } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: noLimit,
      schema: { tags: ['system'], summary: 'Database reachable and migrations current', response: { 200: Health, 503: Health } },
    },
    async (_req, reply) => {
      const database = app.database.kind;
      try {
        await pingDatabase(app.db);
        const pendingMigrations = await findPendingMigrations(app.db);
        if (pendingMigrations.length > 0) {
          return reply.status(503).send({ status: 'unavailable', database, pendingMigrations, reason: 'migrations pending' });
        }
        // While a change-notice connection is down, this process serves stale finder and queue data.
        const gaps = app.database.listenGaps();
        if (gaps.length > 0) {
          return reply
            .status(503)
            .send({ status: 'unavailable', database, pendingMigrations, reason: `change notices not heard: ${gaps.join(', ')}` });
        }
        return { status: 'ok', database, pendingMigrations };
      } catch (err) {
        app.log.warn({ err }, 'readiness check failed');
        return reply.status(503).send({ status: 'unavailable', database, reason: 'database unreachable' });
      }
    },
  );
}
