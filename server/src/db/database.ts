import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrationNames, migrationProvider } from './migrations/index.ts';
import type { DB } from './schema.ts';
import { copyClusterTemplate } from './template.ts';

/** The database's name of a field (orgId → org_id), as the CamelCasePlugin maps them. */
export const toColumnName = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export type Db = Kysely<DB>;

/** Whose records a read may find: one organisation's, or every organisation's (null). */
export interface RecordScope {
  orgId: string | null;
}

/** A timestamp column's calendar day in Shanghai, as "YYYY-MM-DD". */
export const shanghaiDay = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

/** The instant a number of days before now. */
export const daysAgo = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;

/** The start of a Shanghai calendar day as an instant. */
export const shanghaiMidnight = (date: string) => sql<Date>`(${date}::date)::timestamp at time zone 'Asia/Shanghai'`;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Connection pool figures for /metrics; PGlite is a single in-process connection. */
  poolStats(): { total: number; idle: number; waiting: number };
  /**
   * Calls back on every NOTIFY on the channel, from any process; resolves to an unsubscribe. A
   * lost connection is re-established with backoff, and `onResume` is called once it is, so the
   * listener can reload what it may have missed meanwhile.
   */
  listen(channel: string, onNotify: (payload: string) => void, onResume?: () => void): Promise<() => Promise<void>>;
  /** Channels whose listening connection is down now: their changes are not being heard. */
  listenGaps(): string[];
  close(): Promise<void>;
}

// int8 (counts, sums in fen) as JavaScript numbers: safe up to 2^53, which money in fen never reaches here.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Opens PostgreSQL when a URL is given, else the embedded PGlite: file-backed under dataDir,
 * or in memory when dataDir is null (tests).
 */
export async function openDatabase(options: { url?: string; dataDir?: string | null }): Promise<Database> {
  // Keys inside JSON columns are data (a plan's minimums are keyed by post code, account_opening):
  // they come back as stored, not camel-cased.
  const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })];
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10, application_name: 'shouhu' });
    // An idle connection that the server ends (restart, failover, a dropped database) is removed
    // from the pool, and the next query opens a new one; without a listener it would crash the process.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    const listeners = new Set<pg.Client>();
    const gaps = new Set<string>();
    let closing = false;
    return {
      db,
      kind: 'postgres',
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      listenGaps: () => [...gaps],
      // A dedicated connection per channel: LISTEN does not survive being handed around a pool.
      async listen(channel, onNotify, onResume) {
        let client: pg.Client | undefined;
        let stopped = false;
        let retry: NodeJS.Timeout | undefined;
        const open = async () => {
          const next = new pg.Client({ connectionString: options.url, application_name: 'shouhu-listen' });
          next.on('error', () => {});
          next.on('end', () => lost(next));
          next.on('notification', (n) => n.channel === channel && onNotify(n.payload ?? ''));
          await next.connect();
          await next.query(`listen ${pg.escapeIdentifier(channel)}`);
          client = next;
          listeners.add(next);
        };
        // Backoff from a quarter second to 30 s: a restarting server is back in seconds.
        const reconnect = (attempt: number) => {
          retry = setTimeout(
            () =>
              open().then(
                () => {
                  gaps.delete(channel);
                  onResume?.();
                },
                () => !stopped && !closing && reconnect(attempt + 1),
              ),
            Math.min(30_000, 250 * 2 ** attempt),
          );
          retry.unref();
        };
        const lost = (ended: pg.Client) => {
          listeners.delete(ended);
          if (stopped || closing || ended !== client) return;
          client = undefined;
          gaps.add(channel);
          reconnect(0);
        };
        await open();
        return async () => {
          stopped = true;
          clearTimeout(retry);
          gaps.delete(channel);
          if (client) listeners.delete(client);
          await client?.end().catch(() => {});
        };
      },
      close: async () => {
        closing = true;
        await Promise.all([...listeners].map((c) => c.end().catch(() => {})));
        await db.destroy();
      },
    };
  }
  let dir: string | undefined;
  if (options.dataDir) {
    dir = join(options.dataDir, 'pglite');
    if (!copyClusterTemplate(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  const pglite = new PGlite(dir);
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }), plugins });
  return {
    db,
    kind: 'pglite',
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    // In-process: its notices cannot be lost to a connection.
    listenGaps: () => [],
    async listen(channel, onNotify) {
      const unsubscribe = await pglite.listen(channel, onNotify);
      return async () => {
        if (!pglite.closed) await unsubscribe();
      };
    },
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

function createMigrator(db: Db): Migrator {
  return new Migrator({ db, provider: migrationProvider });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations this code knows but the database has not applied. */
export async function findPendingMigrations(db: Db): Promise<string[]> {
  const applied = await createMigrator(db).getMigrations();
  return applied.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

// Connection errors of node-postgres and the operating system, and SQLSTATE classes 08 (connection
// exception), 57P (operator intervention: shutdown, restart) and 53 (insufficient resources).
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|Client has encountered a connection error|pool.*ended|PGlite is closed/i;

/** Whether an error says the database cannot be reached now (a write may be tried again), not that the request is bad. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_ERRNO.has(code) || /^(08|57P|53)/.test(code))) return true;
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
    if (UNAVAILABLE_MESSAGE.test(e.message)) return true;
  }
  return false;
}

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

export const knownMigrations = migrationNames;
