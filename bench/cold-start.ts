// Cold start to ready on the embedded database: `shouhu serve` from process start until /readyz
// answers 200, on first start (empty folder: migrations and demo data) and on later starts. The
// baseline is the same measure for a bare Node HTTP server, so the ratio shows what Shouhu adds.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIN = fileURLToPath(new URL('../server/bin/shouhu.js', import.meta.url));
const BARE = `require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log('running at http://localhost:' + this.address().port) })`;

/** Milliseconds from spawn until GET /readyz (or /) answers 200. */
async function timeToReady(args: string[], env: Record<string, string>, path: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      const m = /running at http:\/\/localhost:(\d+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}${path}`).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - t0;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const serverEnv = (dir: string) => ({ DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' });

const bare: number[] = [];
const first: number[] = [];
const later: number[] = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(await timeToReady(['-e', BARE], {}, '/'));
  const dir = mkdtempSync(join(tmpdir(), 'shouhu-cold-'));
  first.push(await timeToReady([BIN, 'serve'], serverEnv(dir), '/readyz'));
  later.push(await timeToReady([BIN, 'serve'], serverEnv(dir), '/readyz'));
  rmSync(dir, { recursive: true, force: true });
}

const result = {
  benchmark: 'cold start to ready, embedded database',
  date: new Date().toISOString(),
  node: process.version,
  runs: RUNS,
  baselineBareNodeHttpMs: Math.round(median(bare)),
  firstStartMs: Math.round(median(first)),
  laterStartMs: Math.round(median(later)),
  firstStartMaxMs: Math.round(Math.max(...first)),
  laterStartMaxMs: Math.round(Math.max(...later)),
  ratioFirstToBaseline: Number((median(first) / median(bare)).toFixed(1)),
  ratioLaterToBaseline: Number((median(later) / median(bare)).toFixed(1)),
  targetMs: 5000,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/cold-start.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
