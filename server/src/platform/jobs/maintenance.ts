import { deleteFinishedJobs } from './repo.ts';
import type { JobHandler } from './worker.ts';

const DAY = 86_400_000;

/** Finished jobs are kept a week (completed) or a month (dead letters, for investigation). */
export const purgeFinishedJobs: JobHandler = async ({ db }) => {
  const now = Date.now();
  const deleted = await deleteFinishedJobs(db, new Date(now - 7 * DAY), new Date(now - 30 * DAY));
  return { deleted };
};

export const maintenanceHandlers: Record<string, JobHandler> = { 'jobs.purge': purgeFinishedJobs };
export const maintenanceSchedules = [{ type: 'jobs.purge', everyMs: 3_600_000 }];
