import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BRANCH_SERVICES, DISTRICT_CENTRES } from '@shouhu/common';
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

// Monday 30 November 2026 in Shanghai: 10:00, when branches are open, and 22:00, when none is.
const AT = { day: '2026-11-30T02:00:00.000Z', night: '2026-11-30T14:00:00.000Z' } as const;

/**
 * The finder's benchmark queries (a fixed seed, so runs compare), 5,000 distinct ones so that no
 * answer is served twice in a row. `urban`: random points over the central districts, open
 * branches for cash, Monday 10:00 (the query of the earlier sessions). `day` and `night`: points
 * around every district's centre, suburbs and Chongming's islands too, for any service or none,
 * Monday 10:00 or 22:00 (nothing open: the search must not walk the whole city to find that).
 */
export function createFinderRequests(kind: 'urban' | 'day' | 'night' = 'urban'): { method: 'GET'; path: string }[] {
  const random = createSeededRandom(20220401);
  if (kind === 'urban')
    return Array.from({ length: 5000 }, () => ({
      method: 'GET' as const,
      path: `/api/v1/public/branches/nearest?lat=${(31.0 + random() * 0.4).toFixed(4)}&lng=${(121.2 + random() * 0.5).toFixed(4)}&service=cash&at=${AT.day}`,
    }));
  const centres = Object.values(DISTRICT_CENTRES);
  const services = [undefined, ...BRANCH_SERVICES];
  return Array.from({ length: 5000 }, () => {
    const centre = centres[Math.floor(random() * centres.length)] as (typeof centres)[number];
    const service = services[Math.floor(random() * services.length)];
    const lat = (centre.lat + (random() - 0.5) * 0.08).toFixed(4);
    const lng = (centre.lng + (random() - 0.5) * 0.08).toFixed(4);
    return {
      method: 'GET' as const,
      path: `/api/v1/public/branches/nearest?lat=${lat}&lng=${lng}${service ? `&service=${service}` : ''}&at=${AT[kind]}`,
    };
  });
}
