import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { can } from '../access/policy.ts';
import type { Context } from '../context.ts';
import { createId } from '../ids.ts';
import { insertJob, type JobRow, selectJob } from './repo.ts';

export interface EnqueueOptions {
  payload?: Record<string, unknown>;
  orgId?: string | null;
  /** While a job with this key is queued or active, enqueueing another is a no-op. */
  singletonKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  priority?: number;
}

/**
 * Adds a job. Pass the caller's transaction as `db` so that the job exists exactly when the
 * change that asked for it commits. Returns the job id, or undefined when a singleton is already pending.
 */
export async function enqueueJob(db: Db, type: string, options: EnqueueOptions = {}): Promise<string | undefined> {
  return insertJob(db, {
    id: createId(),
    type,
    payload: options.payload ?? {},
    orgId: options.orgId ?? null,
    singletonKey: options.singletonKey ?? null,
    runAt: options.runAt ?? new Date(),
    maxAttempts: options.maxAttempts ?? 5,
    priority: options.priority ?? 0,
  });
}

/** Queues several jobs (no singletons) in one statement, in the caller's transaction. */
type NewJob = { type: string; payload: Record<string, unknown>; orgId: string | null; maxAttempts: number };

/** Job rows to run now, without singleton keys (for writers that insert them themselves). */
export const toJobRows = (jobs: NewJob[]) =>
  jobs.map((j) => ({ id: createId(), ...j, singletonKey: null, runAt: new Date(), priority: 0 }));

/** What the API shows of a job: its state and progress, not its payload (which may hold personal data). */
export function toJobView(job: JobRow) {
  return {
    id: job.id,
    type: job.type,
    state: job.state,
    progress: job.progress,
    progressMessage: job.progressMessage,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: job.lastError,
    result: job.result,
    runAt: new Date(job.runAt).toISOString(),
    createdAt: new Date(job.createdAt).toISOString(),
    finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null,
  };
}

/** A job of the caller's organisation (the regulator: any job). */
export async function getJob(ctx: Context, id: string) {
  const job = await selectJob(ctx.db, id);
  if (!job || !can(ctx.actor, 'job.read', { orgId: job.orgId })) throw new AppError('job.not_found', { field: 'id' });
  return toJobView(job);
}
