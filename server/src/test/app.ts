import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { seedDemoData } from '../db/seed.ts';
import { DEMO_PASSWORD } from '../modules/users/demo.ts';
import { createLoggerOptions } from '../platform/logger.ts';
import type { ModuleManifest } from '../platform/module.ts';
import { createMemoryKeyRing, type KeyRing } from '../platform/pii/keys.ts';
import { openTestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  keys: KeyRing;
  /** Every line the app logged, as text. */
  logs: string[];
  close(): Promise<void>;
}

/** A full application on its own database, with its log captured for assertions. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { seed?: boolean; beforeReady?: (app: FastifyInstance) => void; modules?: readonly ModuleManifest[] } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const keys = createMemoryKeyRing();
  if (options.seed !== false) await seedDemoData(database.db, keys, { branches: false });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  // Sign-in is rate limited per address, and every test request comes from the same one. The
  // tests share the app's event loop (parsing a workbook blocks it for seconds on a busy machine):
  // its delay says nothing about the app here.
  const config = loadConfig({ LOG_LEVEL: 'info', AUTH_RATE_LIMIT_MAX: '10000', MAX_EVENT_LOOP_DELAY_MS: '60000', ...env });
  const app = await buildApp({
    config,
    database,
    keys,
    logger: pino(createLoggerOptions('info', false), stream),
    modules: options.modules,
  });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    keys,
    logs,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Headers of a signed-in demo user: the session cookie and the CSRF token. */
export async function signInAs(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'shouhu_session');
  return { cookie: `shouhu_session=${session?.value}`, 'x-csrf-token': res.json().csrfToken };
}

/** Headers of a citizen verified by SMS code for `mobile` (the code read from the development outbox). */
export async function verifyCitizen(app: FastifyInstance, mobile: string): Promise<Record<string, string>> {
  await app.inject({ method: 'POST', url: '/api/v1/public/sms-codes', payload: { mobile } });
  const items = (await app.inject('/api/v1/dev/outbox')).json().items as { recipient: string; body: string }[];
  const code = /(\d{6})/.exec(items.find((m) => m.recipient === mobile)?.body ?? '')?.[1];
  const verified = await app.inject({ method: 'POST', url: '/api/v1/public/sessions', payload: { mobile, code } });
  if (verified.statusCode !== 200) throw new Error(`verifying ${mobile} failed: ${verified.statusCode} ${verified.body}`);
  return {
    cookie: `shouhu_session=${verified.cookies.find((c) => c.name === 'shouhu_session')?.value}`,
    'x-csrf-token': verified.json().csrfToken,
  };
}

export async function findOrgId(t: TestApp, code: string): Promise<string> {
  const row = await t.database.db.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return row.id;
}
