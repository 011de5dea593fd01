// The public finder under load: GET /api/v1/public/branches/nearest over the 3,264-branch demo
// network (in-memory kd-tree + open-now for each candidate), against GET /healthz on the same
// server in the same run as the baseline. autocannon, 20 connections, on loopback.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startServer } from '../e2e/support/server.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'shouhu-finder-'));
const server = await startServer(
  { env: { DATA_DIR: dir, DATABASE_URL: '' }, label: 'pglite', remove: async () => {} },
  { RATE_LIMIT_MAX: '100000000', LOG_LEVEL: 'warn' },
);

// Points spread over the city centre, so each request searches a different neighbourhood.
const requests = Array.from({ length: 50 }, (_, i) => ({
  method: 'GET' as const,
  path: `/api/v1/public/branches/nearest?lat=${(31.15 + (i % 10) * 0.02).toFixed(4)}&lng=${(121.38 + Math.floor(i / 10) * 0.04).toFixed(4)}&service=cash&openOnly=false&at=2026-11-30T02:00:00.000Z`,
}));
const run = (opts: Partial<autocannon.Options>) => autocannon({ url: server.url, connections: 20, duration: SECONDS, ...opts });
await run({ duration: 2, requests }); // warm up
const baseline = await run({ requests: [{ method: 'GET', path: '/healthz' }] });
const finder = await run({ requests });
await server.stop();
rmSync(dir, { recursive: true, force: true });

const result = {
  benchmark: 'public finder, nearest open branches',
  date: new Date().toISOString(),
  node: process.version,
  branches: 3264,
  seconds: SECONDS,
  connections: 20,
  baselineHealthzRequestsPerSecond: Math.round(baseline.requests.average),
  finderRequestsPerSecond: Math.round(finder.requests.average),
  ratioToBaseline: Number((finder.requests.average / baseline.requests.average).toFixed(2)),
  finderLatencyMs: { p50: finder.latency.p50, p99: finder.latency.p99 },
  errors: finder.errors + finder.non2xx + baseline.errors + baseline.non2xx,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/finder.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
