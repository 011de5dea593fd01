// The public finder under load: GET /api/v1/public/branches/nearest over the 3,264-branch demo
// network (in-memory kd-tree + open-now for each candidate), against GET /healthz on the same
// server in the same run as the baseline. autocannon, 20 connections, on loopback.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startServer } from '../e2e/support/server.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
// BENCH_BRANCHES=200000 seeds a large network first (`shouhu seed --branches N`); default: the demo network.
const BRANCHES = process.env.BENCH_BRANCHES ? Number(process.env.BENCH_BRANCHES) : undefined;
// BENCH_DATA_DIR keeps a seeded database between runs (seeded once when the folder is new).
const kept = process.env.BENCH_DATA_DIR;
const dir = kept ?? mkdtempSync(join(tmpdir(), 'shouhu-finder-'));
if (BRANCHES && !(kept && existsSync(join(kept, 'pglite')))) {
  const seeded = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('../server/bin/shouhu.js', import.meta.url)), 'seed', '--branches', String(BRANCHES)],
    { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8' },
  );
  if (seeded.status !== 0) throw new Error(seeded.stderr);
}
const server = await startServer(
  { env: { DATA_DIR: dir, DATABASE_URL: '' }, label: 'pglite', remove: async () => {} },
  { RATE_LIMIT_MAX: '100000000', LOG_LEVEL: 'warn' },
);

// Random points over the urban districts (a fixed seed, so runs compare), each its own
// neighbourhood: 5,000 distinct queries, so no answer is served twice in a row.
let seed = 20220401;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const requests = Array.from({ length: 5000 }, () => ({
  method: 'GET' as const,
  path: `/api/v1/public/branches/nearest?lat=${(31.0 + random() * 0.4).toFixed(4)}&lng=${(121.2 + random() * 0.5).toFixed(4)}&service=cash&at=2026-11-30T02:00:00.000Z`,
}));
const run = (opts: Partial<autocannon.Options>) => autocannon({ url: server.url, connections: CONNECTIONS, duration: SECONDS, ...opts });
// Warm up: JIT, and each branch's hours for the day computed once (as a server running all day has).
await run({ duration: 5, requests });
const baseline = await run({ requests: [{ method: 'GET', path: '/healthz' }] });
const finder = await run({ requests });
await server.stop();
if (!kept) rmSync(dir, { recursive: true, force: true });

const result = {
  benchmark: 'public finder, nearest open branches',
  date: new Date().toISOString(),
  node: process.version,
  branches: BRANCHES ?? 3264,
  seconds: SECONDS,
  connections: CONNECTIONS,
  baselineHealthzRequestsPerSecond: Math.round(baseline.requests.average),
  finderRequestsPerSecond: Math.round(finder.requests.average),
  ratioToBaseline: Number((finder.requests.average / baseline.requests.average).toFixed(2)),
  finderLatencyMs: { p50: finder.latency.p50, p99: finder.latency.p99 },
  errors: finder.errors + finder.non2xx + baseline.errors + baseline.non2xx,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/finder-${BRANCHES ?? 3264}.json`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
