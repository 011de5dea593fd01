// The cloud branch's queue at scale (issue 6): 10,000 customers waiting in one institution's
// queue, each following their place over server-sent events, all on one server process. An
// agent takes the next customer; we time how long until every one of the 9,999 others has
// received their new position. The server runs in its own process on PostgreSQL
// (BENCH_DATABASE_URL; a fresh database is created); customers and their citizen sessions are
// written straight into the database first (an SMS code each would take hours).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { startServer } from '../e2e/support/server.ts';
import { encryptField } from '../server/src/platform/pii/crypto.ts';
import { loadKeyRing } from '../server/src/platform/pii/keys.ts';
import { createScratchDatabase } from '../server/src/test/database.ts';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const ROUNDS = 5;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = await createScratchDatabase(adminUrl, 'shouhu_bench');
// Keys given to the server, so that the customers written here carry a mobile it can decrypt.
const keyEnv = { PII_KEYS: `k1:${randomBytes(32).toString('base64')}`, PII_HMAC_KEY: randomBytes(32).toString('base64') };
const { ring } = loadKeyRing(keyEnv, '/nonexistent');
const mobileEnc = encryptField(ring, '13800000000');
const server = await startServer(
  {
    env: { DATABASE_URL: scratch.url, SEED_DEMO: 'true', DEMO_SKIP_MFA: 'true', DEV_OUTBOX: 'true' },
    label: 'postgres',
    remove: scratch.drop,
  },
  { RATE_LIMIT_MAX: '100000000', AUTH_RATE_LIMIT_MAX: '1000', LOG_LEVEL: 'warn', ...keyEnv },
);
const db = new Kysely<never>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: scratch.url, max: 4 }) }) });

const orgId = (await sql<{ id: string }>`select id from organizations where code = 'boc-sh'`.execute(db)).rows[0]?.id as string;
const tokens: string[] = [];
const ids: string[] = [];
const start = Date.now() - CUSTOMERS * 1000;
for (let i = 0; i < CUSTOMERS; i += 1000) {
  const sessions = [];
  const places = [];
  for (let k = i; k < Math.min(CUSTOMERS, i + 1000); k++) {
    const token = randomBytes(24).toString('base64url');
    tokens.push(token);
    const id = randomUUID();
    ids.push(id);
    sessions.push(
      sql`(${randomUUID()}, ${createHash('sha256').update(token).digest('hex')}, 'citizen', ${`bench-${k}`}, true, 'x', now() + interval '2 hours')`,
    );
    places.push(
      sql`(${id}, ${`VS-20300101-${String(k).padStart(6, '0')}`}, ${orgId}, 'account_opening', ${mobileEnc}, ${`bench-${k}`}, 'waiting', ${new Date(start + k * 1000)})`,
    );
  }
  await sql`insert into sessions (id, token_hash, kind, mobile_hash, mfa_passed, csrf_hash, expires_at) values ${sql.join(sessions)}`.execute(
    db,
  );
  await sql`insert into video_sessions (id, reference, org_id, service, mobile_enc, mobile_hash, status, joined_at) values ${sql.join(places)}`.execute(
    db,
  );
}
await sql`select pg_notify('shouhu_queue', ${`${orgId}|account_opening|`})`.execute(db);

// Every customer follows their place; we keep the last position each one received, and when.
const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const { port } = new URL(server.url);
const positions = new Array<number>(CUSTOMERS).fill(0);
const receivedAt = new Array<number>(CUSTOMERS).fill(0);
const follow = (k: number) =>
  new Promise<void>((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: `/api/v1/public/video-sessions/${ids[k]}/events`,
        agent,
        headers: { cookie: `shouhu_session=${tokens[k]}` },
      },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`place ${k}: ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
            buffer = buffer.slice(end + 2);
            if (!data) continue;
            positions[k] = (JSON.parse(data) as { position: number }).position;
            receivedAt[k] = performance.now();
            resolve();
          }
        });
      },
    );
    req.on('error', reject);
  });
const connectStart = performance.now();
for (let i = 0; i < CUSTOMERS; i += 500) await Promise.all(Array.from({ length: Math.min(500, CUSTOMERS - i) }, (_, j) => follow(i + j)));
const connectSeconds = (performance.now() - connectStart) / 1000;
const memory = (await (await fetch(`${server.url}/metrics`)).text()).match(/^process_resident_memory_bytes (\d+)/m)?.[1];

// The agent takes the next customer, five times; each time every waiting customer moves up one.
const signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'boc.staff', password: 'Shouhu-demo-2022' }),
});
const headers = {
  'content-type': 'application/json',
  cookie: `shouhu_session=${/shouhu_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1]}`,
  'x-csrf-token': ((await signIn.json()) as { csrfToken: string }).csrfToken,
};
const rounds: number[] = [];
for (let r = 1; r <= ROUNDS; r++) {
  const t0 = performance.now();
  const taken = await fetch(`${server.url}/api/v1/video-queue/next`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ service: 'account_opening' }),
  });
  if (taken.status !== 200) throw new Error(`${await taken.text()}\n${server.output().slice(-3000)}`);
  // Wait until each customer still waiting shows their position moved up r places.
  for (;;) {
    let behind = 0;
    for (let k = r; k < CUSTOMERS; k++) if (positions[k] !== k + 1 - r) behind++;
    if (behind === 0) break;
    if (performance.now() - t0 > 30_000) throw new Error(`${behind} customers not updated after 30 s`);
    await new Promise((res) => setTimeout(res, 5));
  }
  rounds.push(Math.max(...receivedAt.slice(r)) - t0);
}
agent.destroy();
await db.destroy();
await server.stop();
await scratch.drop();

rounds.sort((a, b) => a - b);
const result = {
  benchmark: 'video queue: a change reaching every waiting customer over server-sent events, one server process, PostgreSQL',
  date: new Date().toISOString(),
  node: process.version,
  customersWaiting: CUSTOMERS,
  secondsToConnectAll: Number(connectSeconds.toFixed(1)),
  serverResidentMemoryMB: memory ? Math.round(Number(memory) / 1_048_576) : null,
  allUpdatedAfterMs: { p50: Math.round(rounds[Math.floor(ROUNDS / 2)] as number), max: Math.round(rounds.at(-1) as number) },
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/queue-postgres.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
