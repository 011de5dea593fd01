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

  it('commits the others when the database refuses one item of a batch, and fails only that one', async () => {
    const written: number[][] = [];
    const write = createBatcher(async (items: number[]) => {
      await new Promise((r) => setTimeout(r, 5));
      if (items.includes(4)) throw new Error('invalid byte sequence');
      written.push(items);
      return items.map((n) => n * 10);
    }, 8);
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6, 7].map((n) => write(n)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      10,
      20,
      30,
      'invalid byte sequence',
      50,
      60,
      70,
    ]);
    expect(written.flat().sort()).toEqual([1, 2, 3, 5, 6, 7]);
  });

  it('fails every item at once, without retrying halves, when the database is unreachable', async () => {
    let calls = 0;
    const write = createBatcher(async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    });
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => write(n)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    // One alone, then the three that waited together: no halving.
    expect(calls).toBe(2);
  });
});
