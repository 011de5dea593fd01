import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Table types as the code sees them (camelCase; the database uses snake_case). */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in by default. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

import type { OrganizationKind } from '@shouhu/common';

export interface OrganizationsTable {
  id: string;
  code: string;
  kind: OrganizationKind;
  nameZh: string;
  nameEn: string;
  uscc: string | null;
  parentId: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}

export const JOB_STATES = ['queued', 'active', 'completed', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobsTable {
  id: string;
  type: string;
  payload: JSONColumnType<Record<string, unknown>>;
  state: Generated<JobState>;
  orgId: string | null;
  singletonKey: string | null;
  priority: Generated<number>;
  runAt: GeneratedTimestamp;
  attempts: Generated<number>;
  maxAttempts: Generated<number>;
  lockedBy: string | null;
  lockedUntil: Timestamp | null;
  progress: Generated<number>;
  progressMessage: string | null;
  lastError: string | null;
  result: JSONColumnType<Record<string, unknown>> | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
  finishedAt: Timestamp | null;
}

export interface DB {
  organizations: OrganizationsTable;
  jobs: JobsTable;
}
