// The public finder under load: GET /api/v1/public/branches/nearest over the 3,264-branch demo
// network (in-memory kd-tree + open-now for each candidate), against GET /healthz on the same
// server in the same run as the baseline. autocannon, 20 connections, on loopback.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startServer } from '../e2e/support/server.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
// BENCH_BRANCHES=200000 seeds a large network first (`shouhu seed --branches N`); default: the demo network.
const BRANCHES = process.env.BENCH_BRANCHES ? Number(process.env.BENCH_BRANCHES) : undefined;
const dir = mkdtempSync(join(tmpdir(), 'shouhu-finder-'));
if (BRANCHES) {
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

// Points spread over the city centre, so each request searches a different neighbourhood.
const requests = Array.from({ length: 50 }, (_, i) => ({
  method: 'GET' as const,
  path: `/api/v1/public/branches/nearest?lat=${(31.15 + (i % 10) * 0.02).toFixed(4)}&lng=${(121.38 + Math.floor(i / 10) * 0.04).toFixed(4)}&service=cash&openOnly=false&at=2026-11-30T02:00:00.000Z`,
}));
const run = (opts: Partial<autocannon.Options>) => autocannon({ url: server.url, connections: CONNECTIONS, duration: SECONDS, ...opts });
await run({ duration: 2, requests }); // warm up
const baseline = await run({ requests: [{ method: 'GET', path: '/healthz' }] });
const finder = await run({ requests });
await server.stop();
rmSync(dir, { recursive: true, force: true });

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
