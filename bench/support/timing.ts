/** Runs `fn` once to warm up, then `runs` times, answering each run's milliseconds. */
export async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** To a tenth, as the results are written. */
export const round = (x: number): number => Math.round(x * 10) / 10;
