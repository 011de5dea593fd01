import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { type Database, migrateToLatest, openDatabase } from './db/database.ts';
import { isDatabaseEmpty, seedDemoData } from './db/seed.ts';
import { MODULES } from './modules/index.ts';
import { DEMO_ORGANIZATIONS } from './modules/organizations/demo.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './modules/users/demo.ts';
import { CHECKPOINT_EVERY_MS, takeAuditCheckpoint } from './platform/audit/checkpoints.ts';
import { purgeExpiredAuditEvents } from './platform/audit/retention.ts';
import { maintenanceHandlers, maintenanceSchedules } from './platform/jobs/maintenance.ts';
import { createWorker, type JobHandler } from './platform/jobs/worker.ts';
import { createProviders } from './platform/notify/providers.ts';
import { createDeliveryHandler } from './platform/notify/service.ts';
import { deriveAuditKey, type KeyRing, loadKeyRing } from './platform/pii/keys.ts';

/** Job handlers of the platform and every module, by job type. */
export function createJobHandlers(config: Config, keys: KeyRing): Record<string, JobHandler> {
  return {
    ...Object.assign({}, ...MODULES.map((m) => m.jobs?.({ config, keys }) ?? {})),
    ...maintenanceHandlers,
    'notification.deliver': createDeliveryHandler(keys, createProviders(config)),
    'audit.purge': async ({ db }) => purgeExpiredAuditEvents(db, deriveAuditKey(keys), config.AUDIT_RETENTION_DAYS),
    'audit.checkpoint': async ({ db }) => {
      const { id, heads } = await takeAuditCheckpoint(db, deriveAuditKey(keys), config.auditCheckpointFile);
      return { id, events: heads.reduce((n, h) => n + h.seq, 0) };
    },
  };
}
export const jobSchedules = [
  ...maintenanceSchedules,
  { type: 'audit.purge', everyMs: 86_400_000 },
  { type: 'audit.checkpoint', everyMs: CHECKPOINT_EVERY_MS },
  ...MODULES.flatMap((m) => m.schedules ?? []),
];

/**
 * Starts the platform: database, migrations, demo data on first start, worker, HTTP.
 * SIGTERM/SIGINT stop accepting, finish in-flight requests and jobs, close the database;
 * a second signal exits at once.
 */
export async function startServer(config: Config, opening?: Promise<Database>): Promise<void> {
  const database = await (opening ?? openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir }));
  await migrateToLatest(database.db);
  const { ring: keys, generated } = loadKeyRing(config, config.dataDir);
  for (const module of MODULES) await module.prepare?.(database.db, keys);
  const firstStart = config.SEED_DEMO && (await isDatabaseEmpty(database.db));
  if (firstStart) await seedDemoData(database.db, keys);

  const app = await buildApp({ config, database, keys });
  if (database.kind === 'postgres') {
    if (config.devOutbox) app.log.warn('DEV_OUTBOX is on: sent SMS codes are shown at /api/v1/dev/outbox to callers on this machine');
    if (config.SEED_DEMO) app.log.warn('SEED_DEMO is on: demo users with the published password are created in an empty database');
    if (config.SEED_DEMO && config.DEMO_SKIP_MFA) app.log.warn('DEMO_SKIP_MFA is on: demo users sign in without a second factor');
  }
  if (generated)
    app.log.warn({ file: keys.file }, 'generated personal-data keys (mode 0600): back this file up, or set PII_KEYS in production');
  const worker = config.WORKER
    ? createWorker({ db: database.db, handlers: createJobHandlers(config, keys), schedules: jobSchedules, log: app.log })
    : null;
  app.worker = worker;

  closeWithGrace({ delay: 15_000, logger: { error: (m: string) => app.log.error(m) } }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    await worker?.stop();
    await database.close();
  });

  await app.listen({ port: config.PORT, host: config.HOST });
  worker?.start();
  const address = `http://localhost:${(app.server.address() as { port: number }).port}`;
  app.log.info({ database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined }, 'Shouhu is ready');
  printBanner(address, database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL', firstStart);
}

function printBanner(address: string, databaseLabel: string, seeded: boolean): void {
  const lines = [
    '',
    `  守沪 Shouhu is running at ${address}`,
    `  API docs: ${address}/docs   health: ${address}/readyz`,
    `  Database: ${databaseLabel}${seeded ? `, seeded with ${DEMO_ORGANIZATIONS.length} demo organisations` : ''}`,
    ...(seeded
      ? [
          `  Demo sign-ins (password ${DEMO_PASSWORD}; demo users skip the second factor):`,
          ...DEMO_USERS.map((u) => `    ${u.username.padEnd(20)} ${u.role.padEnd(18)} ${u.org}`),
        ]
      : []),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
