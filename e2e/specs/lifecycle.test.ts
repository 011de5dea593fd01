import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createStorage, startServer } from '../support/server.ts';

describe('start, stop and start again', () => {
  it('becomes ready, seeds once, stops cleanly on SIGTERM and SIGINT, and keeps its data', async () => {
    const storage = await createStorage();
    // Servers still running when an assertion fails are stopped, or the test process never ends.
    const running: Awaited<ReturnType<typeof startServer>>[] = [];
    try {
      const t0 = performance.now();
      const first = await startServer(storage);
      running.push(first);
      let ready = await fetch(`${first.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.equal(((await ready.json()) as { database: string }).database, storage.label);
      const firstStartMs = performance.now() - t0;
      // How fast is measured against a baseline by bench/cold-start.ts (docs/BENCHMARKS.md); here only a
      // start that hangs fails (a loaded CI machine has taken 7.8 s).
      assert.ok(firstStartMs < 30_000, `first start took ${firstStartMs} ms`);
      assert.match(first.output(), /seeded with 30 demo organisations/);
      const orgs = ((await (await fetch(`${first.url}/api/v1/organizations`)).json()) as { items: { id: string }[] }).items;
      assert.equal(orgs.length, 30);
      assert.equal(await first.stop('SIGTERM'), 0);

      const t1 = performance.now();
      const second = await startServer(storage);
      running.push(second);
      ready = await fetch(`${second.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.ok(performance.now() - t1 < 30_000);
      assert.doesNotMatch(second.output(), /seeded/);
      const again = ((await (await fetch(`${second.url}/api/v1/organizations`)).json()) as { items: { id: string }[] }).items;
      assert.deepEqual(
        again.map((o: { id: string }) => o.id),
        orgs.map((o: { id: string }) => o.id),
      );
      assert.equal(await second.stop('SIGINT'), 0);
    } finally {
      for (const server of running) await server.stop('SIGKILL');
      await storage.remove();
    }
  });

  it('refuses to start with a bad setting, naming it', async () => {
    const storage = await createStorage();
    try {
      await assert.rejects(startServer(storage, { PORT: 'eighty' }), /Invalid environment variable PORT/);
    } finally {
      await storage.remove();
    }
  });
});
