import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { seedDemoData } from '../db/seed.ts';
import { createLoggerOptions } from '../platform/logger.ts';
import { openTestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Every line the app logged, as text. */
  logs: string[];
  close(): Promise<void>;
}

/** A full application on its own database, with its log captured for assertions. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { seed?: boolean; beforeReady?: (app: FastifyInstance) => void } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  if (options.seed !== false) await seedDemoData(database.db);
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({ LOG_LEVEL: 'info', ...env });
  const app = await buildApp({ config, database, logger: pino(createLoggerOptions('info', false), stream) });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    logs,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
