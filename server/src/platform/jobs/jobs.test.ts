import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../../test/app.ts';
import { openTestDatabase, testDatabaseKind } from '../../test/database.ts';
import { maintenanceHandlers } from './maintenance.ts';
import { claimNextJob, selectJob } from './repo.ts';
import { enqueueJob } from './service.ts';
import { computeRetryDelay, createWorker, type JobHandler } from './worker.ts';

const log = pino({ level: 'silent' });

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`job queue (${testDatabaseKind})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('enqueues inside the caller’s transaction: a rolled-back change leaves no job', async () => {
    let id: string | undefined;
    await expect(
      database.db.transaction().execute(async (trx) => {
        id = await enqueueJob(trx, 'test.rollback');
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect(id).toBeDefined();
    expect(await selectJob(database.db, id as string)).toBeUndefined();

    const committed = await database.db.transaction().execute((trx) => enqueueJob(trx, 'test.commit'));
    expect((await selectJob(database.db, committed as string))?.state).toBe('queued');
  });

  it('runs a job, with progress readable while it runs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const handler: JobHandler = async ({ reportProgress, job }) => {
      await reportProgress(40, '40 of 100 rows');
      await gate;
      return { echoed: job.payload.n };
    };
    const worker = createWorker({ db: database.db, handlers: { 'test.progress': handler }, log, pollIntervalMs: 20 });
    const id = (await enqueueJob(database.db, 'test.progress', { payload: { n: 7 } })) as string;
    worker.start();
    const mid = await waitFor(
      () => selectJob(database.db, id),
      (j) => j?.progress === 40,
    );
    expect(mid).toMatchObject({ state: 'active', progressMessage: '40 of 100 rows', attempts: 1 });
    release();
    const done = await waitFor(
      () => selectJob(database.db, id),
      (j) => j?.state === 'completed',
    );
    expect(done).toMatchObject({ progress: 100, result: { echoed: 7 } });
    expect(done?.finishedAt).toBeInstanceOf(Date);
    await worker.stop();
  });

  it('retries a failing job with growing delays, then moves it to the dead letters', async () => {
    let calls = 0;
    const worker = createWorker({
      db: database.db,
      handlers: {
        'test.flaky': async () => {
          calls++;
          throw new Error(`failure ${calls}`);
        },
      },
      log,
      pollIntervalMs: 20,
      backoffBaseMs: 50,
    });
    const id = (await enqueueJob(database.db, 'test.flaky', { maxAttempts: 3 })) as string;
    worker.start();
    const afterFirst = await waitFor(
      () => selectJob(database.db, id),
      (j) => j?.attempts === 1 && j.state === 'queued',
    );
    expect(afterFirst?.lastError).toBe('failure 1');
    expect(new Date(afterFirst?.runAt as Date).getTime()).toBeGreaterThan(Date.now() - 1000);
    const dead = await waitFor(
      () => selectJob(database.db, id),
      (j) => j?.state === 'dead',
    );
    expect(dead).toMatchObject({ attempts: 3, lastError: 'failure 3' });
    expect(calls).toBe(3);
    await worker.stop();
  });

  it('computes exponential backoff with jitter and a cap', () => {
    expect(computeRetryDelay(1, 1000, 60_000, () => 0.5)).toBe(1000);
    expect(computeRetryDelay(3, 1000, 60_000, () => 0.5)).toBe(4000);
    expect(computeRetryDelay(20, 1000, 60_000, () => 0.5)).toBe(60_000);
    expect(computeRetryDelay(2, 1000, 60_000, () => 0)).toBe(1600);
    expect(computeRetryDelay(2, 1000, 60_000, () => 1)).toBe(2400);
  });

  it('survives a worker that dies mid-job: another takes it over when the lease runs out', async () => {
    const id = (await enqueueJob(database.db, 'test.orphan')) as string;
    // A worker claims the job with a short lease and then "dies" (never completes or renews it).
    const claimed = await claimNextJob(database.db, ['test.orphan'], 'dead-worker', 200);
    expect(claimed?.id).toBe(id);
    expect(await claimNextJob(database.db, ['test.orphan'], 'other', 200)).toBeUndefined();
    const worker = createWorker({
      db: database.db,
      handlers: { 'test.orphan': async () => ({ recovered: true }) },
      log,
      pollIntervalMs: 50,
    });
    worker.start();
    const done = await waitFor(
      () => selectJob(database.db, id),
      (j) => j?.state === 'completed',
    );
    expect(done).toMatchObject({ attempts: 2, result: { recovered: true } });
    await worker.stop();
  });

  it('keeps at most one pending job per singleton key', async () => {
    const first = await enqueueJob(database.db, 'test.single', { singletonKey: 'rebuild:1' });
    const second = await enqueueJob(database.db, 'test.single', { singletonKey: 'rebuild:1' });
    expect(first).toBeDefined();
    expect(second).toBeUndefined();
  });

  it('gives each job to exactly one of several concurrent workers', async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, (_, n) => enqueueJob(database.db, 'test.race', { payload: { n } })));
    const seen: string[] = [];
    const handler: JobHandler = async ({ job }) => {
      seen.push(job.id);
      await new Promise((r) => setTimeout(r, 5));
    };
    const workers = [1, 2, 3].map(() =>
      createWorker({ db: database.db, handlers: { 'test.race': handler }, log, pollIntervalMs: 10, concurrency: 3 }),
    );
    for (const w of workers) w.start();
    await waitFor(
      async () => seen.length,
      (n) => n >= 30,
    );
    await Promise.all(workers.map((w) => w.stop()));
    expect(new Set(seen).size).toBe(30);
    expect(seen.length).toBe(30);
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it('purges finished jobs past their retention', async () => {
    const id = (await enqueueJob(database.db, 'test.old')) as string;
    await database.db
      .updateTable('jobs')
      .set({ state: 'completed', finishedAt: new Date(Date.now() - 8 * 86_400_000) })
      .where('id', '=', id)
      .execute();
    const result = await maintenanceHandlers['jobs.purge']?.({ job: {} as never, db: database.db, reportProgress: async () => {} });
    expect((result as { deleted: number }).deleted).toBeGreaterThanOrEqual(1);
    expect(await selectJob(database.db, id)).toBeUndefined();
  });
});

describe(`job API (${testDatabaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows a job’s state and progress, not its payload, to its own organisation only', async () => {
    const bocId = await findOrgId(t, 'boc-sh');
    const id = (await enqueueJob(t.database.db, 'test.view', { orgId: bocId, payload: { residentId: '360426199101010071' } })) as string;
    expect((await t.app.inject(`/api/v1/jobs/${id}`)).statusCode).toBe(401);
    const boc = await signInAs(t.app, 'boc.staff');
    const res = await t.app.inject({ url: `/api/v1/jobs/${id}`, headers: boc });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, type: 'test.view', state: 'queued', progress: 0, attempts: 0, maxAttempts: 5 });
    expect(res.body).not.toContain('360426199101010071');
    const missing = await t.app.inject({ url: '/api/v1/jobs/01900000-0000-7000-8000-000000000000', headers: boc });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('job.not_found');
    // Another bank's staff cannot tell the job exists; the regulator sees it.
    const cib = await signInAs(t.app, 'cib.admin');
    expect((await t.app.inject({ url: `/api/v1/jobs/${id}`, headers: cib })).statusCode).toBe(404);
    const regulator = await signInAs(t.app, 'regulator');
    expect((await t.app.inject({ url: `/api/v1/jobs/${id}`, headers: regulator })).statusCode).toBe(200);
  });
});
