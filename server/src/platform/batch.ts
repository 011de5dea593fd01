import { isDatabaseUnavailable } from '../db/database.ts';

/**
 * Group commit: writes that arrive while one batch is being written wait and go together in the
 * next, one batch at a time. At low load each write goes at once, alone; under load the round
 * trip to the database is shared by the whole batch (one batch in flight measured best once a
 * batch is one statement: docs/BENCHMARKS.md). `write` answers per item: its result, or an Error
 * for that item alone. If it throws, the batch is halved and each half written again, so that one
 * item the database refuses fails alone and the others commit; only an unreachable database fails
 * them all at once (trying halves then would only multiply the waiting).
 */
export function createBatcher<T, R>(write: (items: T[]) => Promise<(R | Error)[]>, maxBatch = 100): (item: T) => Promise<R> {
  const waiting: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let writing = false;
  const writeIsolating = async (items: T[]): Promise<(R | Error)[]> => {
    try {
      return await write(items);
    } catch (err) {
      if (items.length === 1 || isDatabaseUnavailable(err)) return items.map(() => err as Error);
      const half = Math.ceil(items.length / 2);
      return [...(await writeIsolating(items.slice(0, half))), ...(await writeIsolating(items.slice(half)))];
    }
  };
  const pump = () => {
    if (writing || waiting.length === 0) return;
    const batch = waiting.splice(0, maxBatch);
    writing = true;
    writeIsolating(batch.map((b) => b.item))
      .then((results) => {
        batch.forEach((b, i) => {
          const result = results[i];
          if (result instanceof Error) b.reject(result);
          else b.resolve(result as R);
        });
      })
      .finally(() => {
        writing = false;
        pump();
      });
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      pump();
    });
}

/**
 * Lets the event loop serve what waits (requests, timers) before going on. Long loops of awaits on
 * the embedded database never reach it otherwise: PGlite settles its promises without I/O, so a
 * 50,000-row import held every other request for 38 s (bench/import-loop.ts).
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Rows between two yields when checking a file's rows: about 15 ms of work. */
export const ROWS_PER_YIELD = 1000;
