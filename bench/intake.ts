// Home-visit intake under load (issue 6): POST /api/v1/home-visits as a signed-in staff member —
// validation, encryption of name, mobile and address, the record with its reference number, the
// audit entry and the SMS to the customer, in one transaction — against a bare route of the same
// server that inserts one row and commits, side by side in one run. The server runs in its own
// process (`shouhu serve`); PostgreSQL at BENCH_DATABASE_URL (a fresh database is created).
import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startServer } from '../e2e/support/server.ts';
import { createScratchDatabase } from '../server/src/test/database.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = await createScratchDatabase(adminUrl, 'shouhu_bench');
const server = await startServer(
  {
    env: { DATABASE_URL: scratch.url, SEED_DEMO: 'true', DEMO_SKIP_MFA: 'true', DEV_OUTBOX: 'true' },
    label: 'postgres',
    remove: scratch.drop,
  },
  { RATE_LIMIT_MAX: '100000000', LOG_LEVEL: 'warn', BENCH_ROUTES: 'true', WORKER: 'false' },
);

// Staff sign in once (demo user, no second factor in the demo); the session cookie goes with every request.
let signIn: Response;
do {
  await new Promise((r) => setTimeout(r, 300));
  signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'boc.staff', password: 'Shouhu-demo-2022' }),
  });
} while (signIn.status === 503);
const session = /shouhu_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
const { csrfToken } = (await signIn.json()) as { csrfToken: string };
const orgs = (await (await fetch(`${server.url}/api/v1/organizations`)).json()) as { items: { id: string; code: string }[] };
const orgId = orgs.items.find((o) => o.code === 'boc-sh')?.id;
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const body = JSON.stringify({
  orgId,
  service: 'cash',
  name: '王建国',
  mobile: '13912345678',
  streetCode: '310104003',
  compound: '田林十二村',
  address: '15号楼302室',
  reason: 'sealed_compound',
  windows: [{ from: `${tomorrow}T09:00:00+08:00`, to: `${tomorrow}T12:00:00+08:00` }],
});
const headers = { 'content-type': 'application/json', cookie: `shouhu_session=${session}`, 'x-csrf-token': csrfToken };
const run = (path: string, opts: Partial<autocannon.Options> = {}) =>
  autocannon({ url: `${server.url}${path}`, method: 'POST', connections: CONNECTIONS, duration: SECONDS, ...opts });

// The bare route gets no session: it pays for nothing but its insert and commit.
await run('/bench/insert', { duration: 3 }); // warm up
await run('/api/v1/home-visits', { duration: 3, body, headers });
const bare = await run('/bench/insert');
const intake = await run('/api/v1/home-visits', { body, headers });
await server.stop();
await scratch.drop();

const result = {
  benchmark: 'home-visit intake against a bare insert-and-commit route, PostgreSQL',
  date: new Date().toISOString(),
  node: process.version,
  seconds: SECONDS,
  connections: CONNECTIONS,
  bareInsertRequestsPerSecond: Math.round(bare.requests.average),
  intakeRequestsPerSecond: Math.round(intake.requests.average),
  ratioToBaseline: Number((intake.requests.average / bare.requests.average).toFixed(2)),
  latencyMs: { bare: { p50: bare.latency.p50, p99: bare.latency.p99 }, intake: { p50: intake.latency.p50, p99: intake.latency.p99 } },
  errors: { bare: bare.errors + bare.non2xx, intake: intake.errors + intake.non2xx },
  statusCodes: { bare: bare.statusCodeStats, intake: intake.statusCodeStats },
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/intake-postgres.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
