import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '../../e2e/support/server.ts';

/**
 * The platform on the embedded database with a branch network: the demo one, or with
 * BENCH_BRANCHES=N a large one (`shouhu seed --branches N`). BENCH_DATA_DIR keeps the seeded
 * database between runs (seeded once, when the folder is new). `close` stops the server and
 * removes a temporary database.
 */
export async function startNetworkServer(): Promise<{ server: RunningServer; branches: number | undefined; close: () => Promise<void> }> {
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
  const server = await startServer(
    { env: { DATA_DIR: dir, DATABASE_URL: '' }, label: 'pglite', remove: async () => {} },
    { RATE_LIMIT_MAX: '100000000', LOG_LEVEL: 'warn' },
  );
  return {
    server,
    branches,
    close: async () => {
      await server.stop();
      if (!kept) rmSync(dir, { recursive: true, force: true });
    },
  };
}
