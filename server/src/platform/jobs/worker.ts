import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.ts';
import { claimNextJob, completeJob, failJob, type JobRow, updateJobProgress } from './repo.ts';
import { enqueueJob } from './service.ts';

export interface JobContext {
  job: JobRow;
  db: Db;
  /** Records progress (0–100) with a message people can read; also renews the lease. */
  reportProgress(percent: number, message?: string): Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<Record<string, unknown> | undefined>;

export interface WorkerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  log: FastifyBaseLogger;
  concurrency?: number;
  pollIntervalMs?: number;
  /** A job whose worker has not renewed its lease for this long is taken over by another. */
  leaseMs?: number;
  /** Retry delay: base × 2^(attempt-1), capped, with ±20 % jitter so retries do not stampede. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Recurring jobs: enqueued once per period (at most one pending per period, across processes). */
  schedules?: { type: string; everyMs: number }[];
}

export function computeRetryDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const delay = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay * (0.8 + 0.4 * random()));
}

export interface Worker {
  start(): void;
  /** Wakes the worker now instead of at the next poll (after an enqueue in this process). */
  wake(): void;
  /** Stops claiming, waits for running jobs to finish. */
  stop(): Promise<void>;
  readonly running: number;
}

let workerSeq = 0;

export function createWorker(options: WorkerOptions): Worker {
  const { db, handlers, log } = options;
  const concurrency = options.concurrency ?? 2;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const leaseMs = options.leaseMs ?? 60_000;
  const backoffBaseMs = options.backoffBaseMs ?? 5_000;
  const backoffMaxMs = options.backoffMaxMs ?? 3_600_000;
  const workerId = `${hostname()}:${process.pid}:${++workerSeq}`;
  const types = Object.keys(handlers);
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let polling: Promise<void> | undefined;

  async function run(job: JobRow): Promise<void> {
    const handler = handlers[job.type];
    const heartbeat = setInterval(
      () => {
        updateJobProgress(db, job.id, workerId, leaseMs, null, null).catch((err) =>
          log.warn({ err, jobId: job.id }, 'job lease renewal failed'),
        );
      },
      Math.max(1000, leaseMs / 3),
    );
    try {
      if (!handler) throw new Error(`No handler for job type ${job.type}`);
      const result = await handler({
        job,
        db,
        reportProgress: (percent, message) =>
          updateJobProgress(db, job.id, workerId, leaseMs, Math.max(0, Math.min(100, Math.round(percent))), message ?? null),
      });
      await completeJob(db, job.id, workerId, result ?? null);
      log.info({ jobId: job.id, type: job.type, attempt: job.attempts }, 'job completed');
    } catch (err) {
      const outOfAttempts = job.attempts >= job.maxAttempts;
      const retryAt = outOfAttempts ? null : new Date(Date.now() + computeRetryDelay(job.attempts, backoffBaseMs, backoffMaxMs));
      const message = err instanceof Error ? err.message : String(err);
      await failJob(db, job.id, workerId, message, retryAt).catch((e) =>
        log.error({ err: e, jobId: job.id }, 'could not record job failure'),
      );
      log.warn({ jobId: job.id, type: job.type, attempt: job.attempts, dead: outOfAttempts, error: message }, 'job failed');
    } finally {
      clearInterval(heartbeat);
    }
  }

  // Each process enqueues a recurring job once per period; the singleton key keeps processes
  // from queueing it twice while one is pending. Scheduled jobs must be idempotent.
  const lastPeriod = new Map<string, number>();
  async function enqueueScheduled(): Promise<void> {
    for (const { type, everyMs } of options.schedules ?? []) {
      const period = Math.floor(Date.now() / everyMs);
      if (lastPeriod.get(type) === period) continue;
      await enqueueJob(db, type, { singletonKey: `${type}:${period}`, maxAttempts: 3 });
      lastPeriod.set(type, period);
    }
  }

  async function claimAndRun(): Promise<void> {
    try {
      await enqueueScheduled();
      while (!stopped && inFlight.size < concurrency) {
        const job = await claimNextJob(db, types, workerId, leaseMs);
        if (!job) break;
        const p = run(job).finally(() => {
          inFlight.delete(p);
          if (!stopped) setImmediate(poll);
        });
        inFlight.add(p);
      }
    } catch (err) {
      log.error({ err }, 'job poll failed');
    }
  }

  function poll(): void {
    if (polling || stopped) return;
    polling = claimAndRun().finally(() => {
      polling = undefined;
    });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setInterval(poll, pollIntervalMs);
      timer.unref();
      poll();
    },
    wake: poll,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await polling;
      await Promise.allSettled([...inFlight]);
    },
    get running() {
      return inFlight.size;
    },
  };
}
