// The public finder of this checkout against another commit's (BENCH_AGAINST, default HEAD~1),
// side by side: two servers, each on its own copy of the same network (BENCH_BRANCHES,
// BENCH_DATA_DIR as in finder.ts), short rounds of /healthz then the finder on each, alternating
// which server goes first. On a 2-core machine whose rounds drift by ±10%, a change of a few per
// cent shows only this way. The other commit must use the same migrations (the same database).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { RunningServer } from '../e2e/support/server.ts';
import { createFinderRequests, seedNetwork, startNetworkServerOn } from './support/network.ts';

const AGAINST = process.env.BENCH_AGAINST ?? 'HEAD~1';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const root = fileURLToPath(new URL('..', import.meta.url));

const { dir, branches } = seedNetwork();
const scratch = mkdtempSync(join(tmpdir(), 'shouhu-versus-'));
const tree = join(scratch, 'tree');
execFileSync('git', ['worktree', 'add', '--detach', tree, AGAINST], { cwd: root, stdio: 'ignore' });
const commit = execFileSync('git', ['rev-parse', '--short', AGAINST], { cwd: root, encoding: 'utf8' }).trim();
const requests = createFinderRequests();
const run = (url: string, opts: Partial<autocannon.Options>) => autocannon({ url, connections: 50, duration: SECONDS, ...opts });
type Round = { healthz: number; finder: number };
const rounds: { this: Round; other: Round }[] = [];
const started: RunningServer[] = [];
try {
  // The other checkout runs with this one's installed packages and built web app.
  symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
  symlinkSync(join(root, 'web', 'dist'), join(tree, 'web', 'dist'));
  for (const copy of ['this', 'other']) cpSync(dir, join(scratch, copy), { recursive: true });
  const servers = {
    this: await startNetworkServerOn(join(scratch, 'this')),
    other: await startNetworkServerOn(join(scratch, 'other'), join(tree, 'server', 'bin', 'shouhu.js')),
  };
  started.push(servers.this, servers.other);
  for (const server of started) await run(server.url, { duration: 5, requests });
  for (let r = 0; r < ROUNDS; r++) {
    const round = {} as { this: Round; other: Round };
    for (const name of r % 2 === 0 ? (['this', 'other'] as const) : (['other', 'this'] as const)) {
      const healthz = await run(servers[name].url, { requests: [{ method: 'GET', path: '/healthz' }] });
      const finder = await run(servers[name].url, { requests });
      round[name] = { healthz: healthz.requests.average, finder: finder.requests.average };
    }
    rounds.push(round);
  }
} finally {
  await Promise.all(started.map((s) => s.stop()));
  execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: root, stdio: 'ignore' });
  rmSync(scratch, { recursive: true, force: true });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const round2 = (x: number) => Number(x.toFixed(2));
const result = {
  benchmark: 'public finder, this checkout against another commit, side by side',
  date: new Date().toISOString(),
  node: process.version,
  branches: branches ?? 3264,
  against: commit,
  seconds: SECONDS,
  connections: 50,
  rounds: ROUNDS,
  // This checkout's finder requests per second over the other's, per round and the median.
  finderSpeedupRounds: rounds.map((r) => round2(r.this.finder / r.other.finder)),
  finderSpeedup: round2(median(rounds.map((r) => r.this.finder / r.other.finder))),
  ratioToBaseline: {
    this: round2(median(rounds.map((r) => r.this.finder / r.this.healthz))),
    other: round2(median(rounds.map((r) => r.other.finder / r.other.healthz))),
  },
  finderRequestsPerSecond: {
    this: Math.round(median(rounds.map((r) => r.this.finder))),
    other: Math.round(median(rounds.map((r) => r.other.finder))),
  },
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/finder-versus-${branches ?? 3264}.json`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
