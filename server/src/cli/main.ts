import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { runValidate, UsageError } from './validate.ts';

// Database, server and worker modules are loaded by the commands that need them, so that
// `shouhu validate` starts fast and small.

const USAGE = `Usage: shouhu <command> [options]

Commands:
  serve                         start the platform (what npm start runs)
  migrate                       apply pending database migrations
  seed [--branches N]           insert or refresh the demo data; --branches N generates a network of
                                about N branches (for benchmarks)
  worker                        run the background job worker alone
  org list | org add --code C --kind K --name-zh N --name-en N [--uscc U] [--parent C]
                                list or register organisations
  audit verify [--checkpoints F] check the hash-chained audit trail against its signed checkpoints; exit 1 on any break
  audit checkpoint              take a signed checkpoint of the audit trail now
  keys rotate [--resume]        re-encrypt personal data under a new key (resumable)
  outbox                        show the latest SMS and e-mail kept by the development outbox
  validate --type resident-id|uscc|mobile [--column NAME] [FILE|-]
                                validate one value per line (or one CSV column);
                                prints a JSON line per value; exit 0 all valid, 1 some invalid

Environment: DATABASE_URL (PostgreSQL; unset = embedded PGlite in DATA_DIR), DATA_DIR, PORT, HOST, LOG_LEVEL.
`;

/** Runs one CLI command; resolves to the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve': {
        // The embedded database creates its cluster (seconds on a first start) while the
        // application's modules load.
        const config = loadConfig();
        const { openDatabase } = await import('../db/database.ts');
        const opening = openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir });
        opening.catch(() => {}); // awaited, and reported, by startServer
        const { startServer } = await import('../main.ts');
        await startServer(config, opening);
        return -1; // keep running
      }
      case 'template': {
        // Run by `npm install`: an empty embedded cluster to copy on first starts.
        const { createClusterTemplate } = await import('../db/template.ts');
        process.stdout.write(`Embedded database template: ${await createClusterTemplate()}\n`);
        return 0;
      }
      case 'migrate':
        return await withDatabase(async (db) => {
          const { migrateToLatest } = await import('../db/database.ts');
          const applied = await migrateToLatest(db);
          process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
        });
      case 'seed':
        return await withDatabase(async (db) => {
          const { values } = parseArgs({ args: rest, options: { branches: { type: 'string' } }, strict: true });
          const branches = values.branches === undefined ? undefined : Number(values.branches);
          if (branches !== undefined && (!Number.isInteger(branches) || branches < 100 || branches > 1_000_000)) {
            throw new UsageError('--branches takes a whole number from 100 to 1000000');
          }
          const { migrateToLatest } = await import('../db/database.ts');
          const { seedDemoData } = await import('../db/seed.ts');
          const { loadKeyRing } = await import('../platform/pii/keys.ts');
          await migrateToLatest(db);
          const config = loadConfig();
          const counts = await seedDemoData(db, loadKeyRing(config, config.dataDir).ring, { branchCount: branches });
          process.stdout.write(`Demo data seeded: ${JSON.stringify(counts)}\n`);
        });
      case 'worker':
        return await runWorker();
      case 'audit':
      case 'keys':
      case 'org':
      case 'outbox': {
        const admin = await import('./admin.ts');
        const run = { audit: admin.runAuditCommand, keys: admin.runKeysCommand, org: admin.runOrgCommand, outbox: admin.runOutboxCommand }[
          command
        ];
        return await run(rest, loadConfig(), (line) => process.stdout.write(`${line}\n`));
      }
      case 'validate':
        return await runValidate(rest, process.stdin, process.stdout);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command: ${command}`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n\n${err instanceof UsageError ? USAGE : ''}`);
      return 2;
    }
    throw err;
  }
}

async function withDatabase(fn: (db: Db) => Promise<void>): Promise<number> {
  const config = loadConfig();
  const { openCommandDatabase } = await import('./database.ts');
  const database = await openCommandDatabase(config, { create: true });
  try {
    await fn(database.db);
    return 0;
  } finally {
    await database.close();
  }
}

async function runWorker(): Promise<number> {
  const config = loadConfig();
  const { createJobHandlers, jobSchedules } = await import('../main.ts');
  const { loadKeyRing } = await import('../platform/pii/keys.ts');
  const jobHandlers = createJobHandlers(config, loadKeyRing(config, config.dataDir).ring);
  const { migrateToLatest } = await import('../db/database.ts');
  const { openCommandDatabase } = await import('./database.ts');
  const { createWorker } = await import('../platform/jobs/worker.ts');
  const { default: pino } = await import('pino');
  const database = await openCommandDatabase(config, { create: false });
  await migrateToLatest(database.db);
  const log = pino({ level: config.LOG_LEVEL });
  const worker = createWorker({ db: database.db, handlers: jobHandlers, schedules: jobSchedules, log });
  worker.start();
  log.info({ types: Object.keys(jobHandlers) }, 'worker started');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await worker.stop();
  await database.close();
  return 0;
}
