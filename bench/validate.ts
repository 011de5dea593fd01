// `shouhu validate` throughput and peak memory on 5 million resident ID numbers, against a bare
// baseline that streams the same file and splits it into lines (the least any validator must do).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResidentIdFile } from './support/ids.ts';

const LINES = Number(process.env.BENCH_LINES ?? 5_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'shouhu-bench-'));
const file = join(dir, 'ids.txt');
const measure = fileURLToPath(new URL('./support/measure.ts', import.meta.url));
const cli = fileURLToPath(new URL('../server/src/cli/main.ts', import.meta.url));
const baseline = fileURLToPath(new URL('./support/count-lines.ts', import.meta.url));

function run(module: string, exportName: string, args: string[], nodeFlags = '') {
  // Output goes to /dev/null, as it would to a file. One Node process: one core for the JavaScript.
  const r = spawnSync('bash', ['-c', `${process.execPath} ${nodeFlags} ${measure} ${module} ${exportName} ${args.join(' ')} > /dev/null`], {
    encoding: 'utf8',
  });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as { ms: number; maxRssKb: number; code: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// A file a fifth the size: if memory is bounded, the peak stays about the same.
const small = join(dir, 'ids-small.txt');
await writeResidentIdFile(small, LINES / 5);
await writeResidentIdFile(file, LINES);
const mb = statSync(file).size / 1e6;
const base = Array.from({ length: RUNS }, () => run(baseline, 'countLines', [file]));
const validate = Array.from({ length: RUNS }, () => run(cli, 'runCli', ['validate', '--type', 'resident-id', file]));
const validateSmall = run(cli, 'runCli', ['validate', '--type', 'resident-id', small]);
// Proof that memory is bounded, not just lazily collected: the whole file within a 32 MB heap.
const validateSmallHeap = run(cli, 'runCli', ['validate', '--type', 'resident-id', file], '--max-old-space-size=32');
rmSync(dir, { recursive: true, force: true });

const baseMs = median(base.map((r) => r.ms));
const valMs = median(validate.map((r) => r.ms));
const result = {
  benchmark: 'shouhu validate --type resident-id',
  date: new Date().toISOString(),
  node: process.version,
  lines: LINES,
  fileMb: Number(mb.toFixed(1)),
  runs: RUNS,
  baseline: { what: 'stream the file and split lines', medianMs: Math.round(baseMs), linesPerSecond: Math.round(LINES / (baseMs / 1000)) },
  validate: {
    medianMs: Math.round(valMs),
    valuesPerSecond: Math.round(LINES / (valMs / 1000)),
    peakRssMb: Math.round(Math.max(...validate.map((r) => r.maxRssKb)) / 1024),
    peakRssMbAtOneFifthTheLines: Math.round(validateSmall.maxRssKb / 1024),
    completesWithin32MbHeap: validateSmallHeap.code === 1,
    peakRssMbWith32MbHeap: Math.round(validateSmallHeap.maxRssKb / 1024),
    exitCode: validate[0]?.code,
  },
  ratioToBaseline: Number((baseMs / valMs).toFixed(3)),
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/validate.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
