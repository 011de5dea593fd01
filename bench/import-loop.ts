// What an upload does to everyone else: /healthz is asked every 5 ms while an institution uploads
// (a) a branch file at the row limit (50,000 rows), (b) a workbook of under 1 MB whose parts
// unzip to 300 MB. The baseline in the same run is /healthz asked the same way on an idle server.
// Reported: the slowest and 99th-percentile /healthz answer in each phase, their ratio to the
// baseline, the time each upload took, and the server's peak memory (VmHWM) after each.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../e2e/support/server.ts';
import { createScratchDatabase } from '../server/src/test/database.ts';
import { makeZip } from '../server/src/test/zip.ts';

// Embedded PGlite by default; PostgreSQL at BENCH_DATABASE_URL (a fresh database is created).
const dir = mkdtempSync(join(tmpdir(), 'shouhu-import-'));
const adminUrl = process.env.BENCH_DATABASE_URL;
const scratch = adminUrl ? await createScratchDatabase(adminUrl, 'shouhu_bench') : undefined;
const server = await startServer({
  env: scratch
    ? { DATA_DIR: dir, DATABASE_URL: scratch.url, SEED_DEMO: 'true', DEMO_SKIP_MFA: 'true' }
    : { DATA_DIR: dir, DATABASE_URL: '' },
  label: scratch ? 'postgres' : 'pglite',
  remove: async () => {},
});
const peakMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.process.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

const signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'boc.admin', password: 'Shouhu-demo-2022' }),
});
const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
const { csrfToken } = (await signIn.json()) as { csrfToken: string };

/** /healthz every 5 ms until `work` settles (or for `ms` when there is none): latencies in ms. */
async function probe(work: Promise<unknown> | null, ms = 3000): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  void (work ?? new Promise((r) => setTimeout(r, ms))).finally(() => {
    done = true;
  });
  while (!done) {
    const at = performance.now();
    await fetch(`${server.url}/healthz`).then((r) => r.arrayBuffer());
    latencies.push(performance.now() - at);
    await new Promise((r) => setTimeout(r, 5));
  }
  return latencies.sort((a, b) => a - b);
}
const summarize = (l: number[]) => ({
  probes: l.length,
  p99Ms: Number((l[Math.floor(l.length * 0.99)] ?? 0).toFixed(1)),
  maxMs: Number((l.at(-1) ?? 0).toFixed(1)),
});

async function upload(type: string, body: Buffer) {
  const at = performance.now();
  const res = await fetch(`${server.url}/api/v1/branches/import?partial=true`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': type },
    body,
  });
  const answer = (await res.json()) as { accepted?: number; error?: { code: string } };
  return {
    status: res.status,
    answer: answer.error?.code ?? `accepted ${answer.accepted}`,
    seconds: Number(((performance.now() - at) / 1000).toFixed(2)),
  };
}

const rows = Array.from(
  { length: 50_000 },
  (_, i) => `B${i},压测网点${i},黄浦区某路${i}号,310101002,31.23,121.48,"cash,loans",1-5 09:00-17:00,021-12345678,是`,
);
const csv = Buffer.from(`网点编号,网点名称,地址,街道代码,纬度,经度,业务,营业时间,电话,无障碍\n${rows.join('\n')}\n`);
const bomb = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(300 * 1024 * 1024, 0x20) }]);

const baseline = summarize(await probe(null));
const csvRun = upload('text/csv', csv);
const duringCsv = summarize(await probe(csvRun));
const csvResult = { ...(await csvRun), peakMemoryMb: Math.round(peakMb()) };
const bombRun = upload('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bomb);
const duringBomb = summarize(await probe(bombRun));
const bombResult = { ...(await bombRun), fileKb: Math.round(bomb.length / 1024), peakMemoryMb: Math.round(peakMb()) };
await server.stop();
await scratch?.drop();
rmSync(dir, { recursive: true, force: true });

const result = {
  benchmark: '/healthz while an upload is parsed and checked, against /healthz on an idle server',
  date: new Date().toISOString(),
  database: scratch ? 'postgres' : 'pglite',
  baseline,
  csv50000Rows: { upload: csvResult, healthz: duringCsv, maxRatio: Number((duringCsv.maxMs / baseline.maxMs).toFixed(1)) },
  workbookBomb: { upload: bombResult, healthz: duringBomb, maxRatio: Number((duringBomb.maxMs / baseline.maxMs).toFixed(1)) },
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`./results/import-loop-${result.database}.json`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
