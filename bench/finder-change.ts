// How soon a branch change shows in the public finder, index update included: an institution
// closes one of its branches for today (an adjustment through the API), and the finder is asked
// again and again until that branch is no longer offered; then it moves branches 200 m (the
// kd-tree is rebuilt) until each is offered at its new place. BENCH_BRANCHES=200000 for the
// large network (seeded once with BENCH_DATA_DIR); each of 20 rounds changes another branch.
import { mkdirSync, writeFileSync } from 'node:fs';
import { startNetworkServer } from './support/network.ts';

const ROUNDS = 20;
const { server, branches: BRANCHES, close } = await startNetworkServer();

// Right after loading 200,000 branches the server may still report a busy event loop (503): retry.
let signIn: Response;
do {
  await new Promise((r) => setTimeout(r, 500));
  signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'boc.admin', password: 'Shouhu-demo-2022' }),
  });
} while (signIn.status === 503);
if (!signIn.ok) throw new Error(await signIn.text());
const session = /shouhu_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
const headers = {
  cookie: `shouhu_session=${session}`,
  'x-csrf-token': ((await signIn.json()) as { csrfToken: string }).csrfToken,
  'content-type': 'application/json',
};
type Place = { id: string; lat: number; lng: number } & Record<string, unknown>;
const listed = (await (await fetch(`${server.url}/api/v1/branches`, { headers })).json()) as { items?: Place[] };
if (!listed.items) throw new Error(JSON.stringify(listed));
const branches = listed.items;

// A Monday far ahead, so that no demo adjustment overlaps, and another each run (runs may share a
// seeded database, and a branch closed by an earlier run would not count): 10:00 that day.
const weeksAhead = Math.floor(Date.now() / 60_000) % 1000;
const day = new Date(Date.UTC(2027, 2, 1) + weeksAhead * 7 * 86_400_000).toISOString().slice(0, 10);
const at = `${day}T02:00:00.000Z`;
const offered = async (b: Place, radiusKm = 0.5) => {
  const res = await fetch(`${server.url}/api/v1/public/branches/nearest?lat=${b.lat}&lng=${b.lng}&radius=${radiusKm}&limit=50&at=${at}`);
  return ((await res.json()) as { items: { id: string }[] }).items.some((x) => x.id === b.id);
};
const timings: number[] = [];
for (const b of branches.filter((_, i) => i % Math.floor(branches.length / ROUNDS) === 0).slice(0, ROUNDS)) {
  if (!(await offered(b))) continue; // closed that day anyway
  const res = await fetch(`${server.url}/api/v1/branches/${b.id}/adjustments`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ from: day, to: day, closed: true, reason: 'lockdown_zone', publicNote: '测试' }),
  });
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
  const committed = performance.now();
  while (await offered(b)) {}
  timings.push(performance.now() - committed);
}
const moves: number[] = [];
for (const b of branches.filter((_, i) => i % Math.floor(branches.length / ROUNDS) === 1).slice(0, ROUNDS)) {
  const moved = { ...b, lat: b.lat + 0.0018 };
  if (!(await offered(b)) || (await offered(moved, 0.05))) continue;
  const { code, nameZh, nameEn, address, streetCode, services, weeklyHours, phone, stepFree } = b;
  // The branch as listed, 200 m north (null optional fields left out, as the API asks).
  const input = {
    code,
    nameZh,
    nameEn: nameEn ?? undefined,
    address,
    streetCode,
    lat: moved.lat,
    lng: b.lng,
    services,
    weeklyHours,
    phone: phone ?? undefined,
    stepFree,
  };
  const res = await fetch(`${server.url}/api/v1/branches/${b.id}`, { method: 'PUT', headers, body: JSON.stringify(input) });
  if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
  const committed = performance.now();
  while (!(await offered(moved, 0.05))) {}
  moves.push(performance.now() - committed);
}
await close();

const percentiles = (ms: number[]) => {
  ms.sort((a, b) => a - b);
  return { p50: Number((ms[Math.floor(ms.length / 2)] ?? 0).toFixed(1)), max: Number((ms.at(-1) ?? 0).toFixed(1)) };
};
const result = {
  benchmark: 'public finder, time until a closed branch is no longer offered',
  date: new Date().toISOString(),
  node: process.version,
  branches: BRANCHES ?? 3264,
  rounds: timings.length,
  visibleAfterMs: percentiles(timings),
  movedRounds: moves.length,
  movedVisibleAfterMs: percentiles(moves),
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/finder-change-${BRANCHES ?? 3264}.json`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
