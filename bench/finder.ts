// The public finder under load: GET /api/v1/public/branches/nearest over the demo network or
// BENCH_BRANCHES=200000, against GET /healthz on the same server in the same run as the baseline.
// Three sets of queries (bench/support/network.ts): `urban` (open branches for cash in the central
// districts, as earlier sessions measured), `day` and `night` (the whole city, any service or none,
// Monday 10:00 and 22:00). autocannon, 50 connections, on loopback.
import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { createFinderRequests, startNetworkServer } from './support/network.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const KINDS = (process.env.BENCH_KINDS ?? 'urban,day,night').split(',') as ('urban' | 'day' | 'night')[];
// BENCH_BRANCHES=200000 seeds a large network first (`shouhu seed --branches N`); default: the demo network.
const { server, branches: BRANCHES, close } = await startNetworkServer();

const run = (opts: Partial<autocannon.Options>) => autocannon({ url: server.url, connections: CONNECTIONS, duration: SECONDS, ...opts });
const results: Record<string, unknown> = {};
for (const kind of KINDS) {
  const requests = createFinderRequests(kind);
  // Warm up: JIT, and each branch's hours for the day computed once (as a server running all day has).
  await run({ duration: 5, requests });
  // Rounds side by side, the median ratio reported: this 2-core machine drifts by ±20% from one
  // ten-second run to the next, autocannon sharing the cores with the server.
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const baseline = await run({ requests: [{ method: 'GET', path: '/healthz' }] });
    const finder = await run({ requests });
    rounds.push({ baseline, finder, ratio: finder.requests.average / baseline.requests.average });
  }
  const { baseline, finder } = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(ROUNDS / 2)] as (typeof rounds)[number];
  results[kind] = {
    roundRatios: rounds.map((r) => Number(r.ratio.toFixed(2))),
    // The median round:
    baselineHealthzRequestsPerSecond: Math.round(baseline.requests.average),
    finderRequestsPerSecond: Math.round(finder.requests.average),
    ratioToBaseline: Number((finder.requests.average / baseline.requests.average).toFixed(2)),
    finderLatencyMs: { p50: finder.latency.p50, p99: finder.latency.p99 },
    // What the machine allows: at 50 connections a route's latency is about 50 / its rate.
    baselineLatencyMs: { p50: baseline.latency.p50, p99: baseline.latency.p99 },
    errors: rounds.reduce((n, r) => n + r.finder.errors + r.finder.non2xx + r.baseline.errors + r.baseline.non2xx, 0),
  };
}
await close();

const result = {
  benchmark: 'public finder, nearest branches',
  date: new Date().toISOString(),
  node: process.version,
  branches: BRANCHES ?? 3264,
  seconds: SECONDS,
  connections: CONNECTIONS,
  rounds: ROUNDS,
  ...results,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/finder-${BRANCHES ?? 3264}.json`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
