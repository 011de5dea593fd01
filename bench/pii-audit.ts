// The cost of protecting personal data, for later modules to budget with:
// 1. encryption (AES-256-GCM) + keyed hash (HMAC-SHA256) of one field, against a plain SHA-256 of
//    the same value as the baseline, in the same process;
// 2. the audit write per request: autocannon against two routes of the real application on the
//    same database, one that inserts a row in a transaction (baseline) and one that inserts the
//    same row and appends the hash-chained audit event in that transaction.
// Database: PostgreSQL at BENCH_DATABASE_URL (a fresh database is created), else embedded PGlite.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { migrateToLatest, openDatabase } from '../server/src/db/database.ts';
import { recordAudit } from '../server/src/platform/audit/service.ts';
import { createId } from '../server/src/platform/ids.ts';
import { encryptField, hashField } from '../server/src/platform/pii/crypto.ts';
import { createMemoryKeyRing, deriveAuditKey } from '../server/src/platform/pii/keys.ts';
import { createScratchDatabase } from '../server/src/test/database.ts';

const FIELDS = 200_000;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ring = createMemoryKeyRing();

function perFieldMicros(fn: (v: string) => unknown): number {
  const values = Array.from({ length: 1000 }, (_, i) => `1380013${String(i).padStart(4, '0')}`);
  for (let i = 0; i < 20_000; i++) fn(values[i % 1000] as string); // warm up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < FIELDS; i++) fn(values[i % 1000] as string);
  return Number(process.hrtime.bigint() - t0) / 1000 / FIELDS;
}

const baselineMicros = perFieldMicros((v) => createHash('sha256').update(v).digest('base64url'));
const protectMicros = perFieldMicros((v) => [encryptField(ring, v), hashField(ring, 'mobile', v)]);

// --- audit write per request
const scratch = process.env.BENCH_DATABASE_URL ? await createScratchDatabase(process.env.BENCH_DATABASE_URL, 'shouhu_bench') : undefined;
const database = await openDatabase({ url: scratch?.url, dataDir: null });
await migrateToLatest(database.db);
const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '100000000', WORKER: 'false' });
const app = await buildApp({ config, database, keys: ring });
const auditKey = deriveAuditKey(ring);
const system = { type: 'system', name: 'bench' } as const;
// Bench-only routes: the same row insert (a job row, any table would do), with and without the audit append.
app.post('/bench/insert', { config: { access: 'public' } }, async () => {
  await database.db.transaction().execute(async (trx) => {
    await trx.insertInto('jobs').values({ id: createId(), type: 'bench.row', payload: '{}', orgId: null, singletonKey: null }).execute();
  });
  return { ok: true };
});
app.post('/bench/insert-audited', { config: { access: 'public' } }, async () => {
  await database.db.transaction().execute(async (trx) => {
    const id = createId();
    await trx.insertInto('jobs').values({ id, type: 'bench.row', payload: '{}', orgId: null, singletonKey: null }).execute();
    await recordAudit(trx, auditKey, {
      actor: system,
      action: 'bench.row_created',
      recordType: 'job',
      recordId: id,
      summary: { after: { type: 'bench.row' } },
    });
  });
  return { ok: true };
});
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const run = (path: string) => autocannon({ url: `${base}${path}`, method: 'POST', connections: 10, duration: SECONDS });
await run('/bench/insert'); // warm up both paths once
const insert = await run('/bench/insert');
const audited = await run('/bench/insert-audited');
await app.close();
await database.close();
await scratch?.drop();

const result = {
  benchmark: 'personal-data protection and audit cost',
  date: new Date().toISOString(),
  node: process.version,
  database: database.kind,
  field: {
    baselineSha256Micros: Number(baselineMicros.toFixed(2)),
    encryptPlusKeyedHashMicros: Number(protectMicros.toFixed(2)),
    ratioToBaseline: Number((protectMicros / baselineMicros).toFixed(1)),
  },
  audit: {
    seconds: SECONDS,
    connections: 10,
    insertRequestsPerSecond: Math.round(insert.requests.average),
    insertAuditedRequestsPerSecond: Math.round(audited.requests.average),
    ratioAuditedToInsert: Number((audited.requests.average / insert.requests.average).toFixed(2)),
    addedMillisecondsPerRequest: Number((1000 / audited.requests.average - 1000 / insert.requests.average).toFixed(3)),
    p99LatencyMs: { insert: insert.latency.p99, audited: audited.latency.p99 },
    errors: insert.errors + audited.errors + insert.non2xx + audited.non2xx,
  },
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/pii-audit-${database.kind}.json`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
