/**
 * Group commit: writes that arrive while earlier ones are being written wait and go together in
 * the next batch, in one transaction. At low load each write goes at once, alone; under load the
 * round trips to the database are shared by the whole batch. `write` answers per item: its
 * result, or an Error for that item alone; if it throws, every item of the batch fails with it.
 */
export function createBatcher<T, R>(
  write: (items: T[]) => Promise<(R | Error)[]>,
  options: { maxBatch: number; concurrency: number } = { maxBatch: 100, concurrency: 2 },
): (item: T) => Promise<R> {
  const waiting: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let running = 0;
  const pump = () => {
    while (running < options.concurrency && waiting.length > 0) {
      const batch = waiting.splice(0, options.maxBatch);
      running++;
      write(batch.map((b) => b.item))
        .then(
          (results) => {
            batch.forEach((b, i) => {
              const result = results[i];
              if (result instanceof Error) b.reject(result);
              else b.resolve(result as R);
            });
          },
          (err) => {
            for (const b of batch) b.reject(err);
          },
        )
        .finally(() => {
          running--;
          pump();
        });
    }
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      pump();
    });
}
