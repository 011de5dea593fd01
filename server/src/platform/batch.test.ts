import { describe, expect, it } from 'vitest';
import { createBatcher } from './batch.ts';

describe('group commit', () => {
  it('writes alone when idle, and batches what arrives while a write runs', async () => {
    const batches: number[][] = [];
    const write = createBatcher(async (items: number[]) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 20));
      return items.map((n) => (n === 4 ? new Error('four') : n * 10));
    }, 3);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => write(n)));
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([10, 20, 30, 'four', 50]);
  });

  it('fails every item of a batch whose write throws', async () => {
    const write = createBatcher(async () => {
      throw new Error('database gone');
    });
    await expect(Promise.all([write(1), write(2)])).rejects.toThrow('database gone');
  });
});
