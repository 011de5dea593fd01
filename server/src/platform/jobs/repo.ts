import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { JobState } from '../../db/schema.ts';

export async function insertJob(
  db: Db,
  job: {
    id: string;
    type: string;
    payload: Record<string, unknown>;
    orgId: string | null;
    singletonKey: string | null;
    runAt: Date;
    maxAttempts: number;
    priority: number;
  },
): Promise<string | undefined> {
  const row = await db
    .insertInto('jobs')
    .values({ ...job, payload: JSON.stringify(job.payload) })
    .onConflict((oc) => oc.column('singletonKey').where('state', 'in', ['queued', 'active']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Several jobs without singleton keys, in one statement. */
export async function insertJobs(db: Db, jobs: Parameters<typeof insertJob>[1][]): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .insertInto('jobs')
    .values(jobs.map((job) => ({ ...job, payload: JSON.stringify(job.payload) })))
    .execute();
}

export function selectJob(db: Db, id: string) {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export type JobRow = NonNullable<Awaited<ReturnType<typeof selectJob>>>;

/**
 * Claims the next runnable job of the given types: queued and due, or active with an expired
 * lease (its worker died). SKIP LOCKED lets several workers claim side by side.
 */
export async function claimNextJob(db: Db, types: string[], workerId: string, leaseMs: number): Promise<JobRow | undefined> {
  if (types.length === 0) return undefined;
  const result = await sql<JobRow>`
    update jobs set state = 'active', attempts = attempts + 1, locked_by = ${workerId},
      locked_until = now() + ${`${leaseMs} milliseconds`}::interval, updated_at = now()
    where id = (
      select id from jobs
      where ((state = 'queued' and run_at <= now()) or (state = 'active' and locked_until < now()))
        and type in (${sql.join(types)})
      order by priority desc, run_at
      limit 1
      for update skip locked
    )
    returning *`.execute(db.withoutPlugins());
  const row = result.rows[0];
  return row ? (camelize(row) as JobRow) : undefined;
}

function camelize(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
}

/** Extends the lease and records progress; only while this worker still holds the job. */
export async function updateJobProgress(
  db: Db,
  id: string,
  workerId: string,
  leaseMs: number,
  progress: number | null,
  message: string | null,
) {
  await db
    .updateTable('jobs')
    .set(() => ({
      lockedUntil: sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval`,
      updatedAt: sql<Date>`now()`,
      ...(progress === null ? {} : { progress, progressMessage: message }),
    }))
    .where('id', '=', id)
    .where('lockedBy', '=', workerId)
    .where('state', '=', 'active')
    .execute();
}

export async function completeJob(db: Db, id: string, workerId: string, result: Record<string, unknown> | null) {
  await db
    .updateTable('jobs')
    .set({
      state: 'completed',
      progress: 100,
      result: result === null ? null : JSON.stringify(result),
      lockedBy: null,
      lockedUntil: null,
      updatedAt: sql`now()`,
      finishedAt: sql`now()`,
    })
    .where('id', '=', id)
    .where('lockedBy', '=', workerId)
    .execute();
}

/** Sends a failed job back to the queue after a delay, or to the dead letters when it is out of attempts. */
export async function failJob(db: Db, id: string, workerId: string, error: string, retryAt: Date | null) {
  const state: JobState = retryAt ? 'queued' : 'dead';
  await db
    .updateTable('jobs')
    .set({
      state,
      lastError: error.slice(0, 2000),
      lockedBy: null,
      lockedUntil: null,
      updatedAt: sql`now()`,
      ...(retryAt ? { runAt: retryAt } : { finishedAt: sql`now()` }),
    })
    .where('id', '=', id)
    .where('lockedBy', '=', workerId)
    .execute();
}

export async function countJobsByState(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['state', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.count)]));
}

export async function deleteFinishedJobs(db: Db, completedBefore: Date, deadBefore: Date): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'completed'), eb('finishedAt', '<', completedBefore)]),
        eb.and([eb('state', '=', 'dead'), eb('finishedAt', '<', deadBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
