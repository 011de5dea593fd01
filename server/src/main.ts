import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';
import { isDatabaseEmpty, seedDemoData } from './db/seed.ts';
import { DEMO_ORGANIZATIONS } from './modules/organizations/demo.ts';
import { maintenanceHandlers, maintenanceSchedules } from './platform/jobs/maintenance.ts';
import { createWorker } from './platform/jobs/worker.ts';

/** Job handlers of every module, by job type. */
export const jobHandlers = { ...maintenanceHandlers };
export const jobSchedules = [...maintenanceSchedules];

/**
 * Starts the platform: database, migrations, demo data on first start, worker, HTTP.
 * SIGTERM/SIGINT stop accepting, finish in-flight requests and jobs, close the database;
 * a second signal exits at once.
 */
export async function startServer(config: Config): Promise<void> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
  await migrateToLatest(database.db);
  const firstStart = config.SEED_DEMO && (await isDatabaseEmpty(database.db));
  if (firstStart) await seedDemoData(database.db);

  const app = await buildApp({ config, database });
  const worker = config.WORKER ? createWorker({ db: database.db, handlers: jobHandlers, schedules: jobSchedules, log: app.log }) : null;
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
    '  Demo sign-ins arrive with the identity module; until then the API is read-only.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
