import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '../../e2e/support/server.ts';
import { createSeededRandom } from '../../server/src/platform/random.ts';

/**
 * The folder of the benchmark's network: the demo one, or with BENCH_BRANCHES=N a large one
 * (`shouhu seed --branches N`). BENCH_DATA_DIR keeps the seeded database between runs (seeded
 * once, when the folder is new); `kept` says so.
 */
export function seedNetwork(): { dir: string; branches: number | undefined; kept: boolean } {
  const branches = process.env.BENCH_BRANCHES ? Number(process.env.BENCH_BRANCHES) : undefined;
  const kept = process.env.BENCH_DATA_DIR;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'shouhu-finder-'));
  if (branches && !(kept && existsSync(join(kept, 'pglite')))) {
    const seeded = spawnSync(
      process.execPath,
      [fileURLToPath(new URL('../../server/bin/shouhu.js', import.meta.url)), 'seed', '--branches', String(branches)],
      { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8' },
    );
    if (seeded.status !== 0) throw new Error(seeded.stderr);
  }
  return { dir, branches, kept: kept !== undefined };
}

/** The platform on an embedded database in `dir`, without the public rate limit; `bin` as in startServer. */
export function startNetworkServerOn(dir: string, bin?: string): Promise<RunningServer> {
  return startServer(
    { env: { DATA_DIR: dir, DATABASE_URL: '' }, label: 'pglite', remove: async () => {} },
    { RATE_LIMIT_MAX: '100000000', LOG_LEVEL: 'warn' },
    bin,
  );
}

/**
 * The platform on the embedded database with the benchmark's network (see seedNetwork). `close`
 * stops the server and removes a temporary database.
 */
export async function startNetworkServer(): Promise<{ server: RunningServer; branches: number | undefined; close: () => Promise<void> }> {
  const { dir, branches, kept } = seedNetwork();
  const server = await startNetworkServerOn(dir);
  return {
    server,
    branches,
    close: async () => {
      await server.stop();
      if (!kept) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The finder's benchmark queries: random points over the urban districts (a fixed seed, so runs
 * compare), each its own neighbourhood: 5,000 distinct queries, so no answer is served twice in a
 * row. Open branches for cash on a Monday at 10:00.
 */
export function createFinderRequests(): { method: 'GET'; path: string }[] {
  const random = createSeededRandom(20220401);
  return Array.from({ length: 5000 }, () => ({
    method: 'GET' as const,
    path: `/api/v1/public/branches/nearest?lat=${(31.0 + random() * 0.4).toFixed(4)}&lng=${(121.2 + random() * 0.5).toFixed(4)}&service=cash&at=2026-11-30T02:00:00.000Z`,
  }));
}
