import { formatReference, todayInShanghai } from '@shouhu/common';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** Numbers for `prefix`, `count` of them in one round trip: the counter row is held only for that statement. */
async function drawNumbers(db: Db, prefix: string, count: number): Promise<number[]> {
  const { rows } = await sql<{ last: string }>`insert into reference_counters (prefix, last) values (${prefix}, ${count})
    on conflict (prefix) do update set last = reference_counters.last + excluded.last returning last`.execute(db);
  const last = Number(rows[0]?.last);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

export interface ReferencePool {
  /** `count` new references of the pool's kind, dated today in Shanghai. */
  take(count: number): Promise<string[]>;
}

const pools = new WeakMap<Db, Map<string, ReferencePool>>();

/**
 * The one reference generator: numbers drawn from the database a hundred at a time and handed
 * out in order within this process (processes draw separate blocks, so none repeats). Call it
 * with the database, not a transaction: the counter is not held while a request's work goes on.
 */
export function referencePool(db: Db, prefix: string): ReferencePool {
  let byPrefix = pools.get(db);
  if (!byPrefix) {
    byPrefix = new Map();
    pools.set(db, byPrefix);
  }
  const existing = byPrefix.get(prefix);
  if (existing) return existing;
  const numbers: number[] = [];
  let drawing: Promise<void> | null = null;
  const pool: ReferencePool = {
    async take(count) {
      // One draw at a time: callers that need numbers together wait for the same draw.
      while (numbers.length < count) {
        drawing ??= drawNumbers(db, prefix, Math.max(100, count))
          .then((drawn) => void numbers.push(...drawn))
          .finally(() => {
            drawing = null;
          });
        await drawing;
      }
      const day = todayInShanghai();
      return numbers.splice(0, count).map((n) => formatReference(prefix, day, n));
    },
  };
  byPrefix.set(prefix, pool);
  return pool;
}
