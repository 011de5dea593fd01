import type { BulletinParagraph, DeskItem, Programme, TrackAnswer } from '@shouhu/common';
import { addDays, fromLocal } from '@shouhu/common';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { ErrorCatalogue } from '../errors.ts';
import type { Context } from './context.ts';
import type { JobHandler } from './jobs/worker.ts';
import type { KeyRing } from './pii/keys.ts';

/** What a module's routes may need besides the request: settings, the database, the keys. */
export interface ModuleContext {
  config: Config;
  database: Database;
  keys: KeyRing;
  /** Every capability, for those that read the others' manifests (the bulletin). */
  modules: readonly ModuleManifest[];
}

/** One encrypted field of a record that may be shown in full, with the record's organisation. */
export type RevealLoader = (db: Db, id: string, field: string) => Promise<{ orgId: string | null; value: string | null } | undefined>;
export interface Revealable {
  fields: string[];
  load: RevealLoader;
}

/**
 * Who owns a record files may be attached to, after checking the caller may read it (or change
 * it); throws the record's own "not found" otherwise. Declared by the module that owns the record.
 */
export type AttachmentOwner = (ctx: Context, recordId: string, mode: 'read' | 'change') => Promise<{ orgId: string }>;

/** Names of records by id, as the audit trail shows them to people (a branch's name, a visit's reference). */
export type RecordNamer = (db: Db, ids: string[]) => Promise<Map<string, string>>;

/** Follows a public reference (e.g. HV-20220415-000123) with the mobile it was made with. */
export type Tracker = (ctx: Context, reference: string, mobile: string | undefined) => Promise<TrackAnswer | undefined>;

export interface SeedOptions {
  /** Several thousand branches: tests that do not look at the network skip them. */
  branches?: boolean;
  branchCount?: number;
}

/** A period of Shanghai dates, both ends included, and whose records: one organisation or all (null). */
export interface FigureQuery {
  from: string;
  to: string;
  orgId: string | null;
}

/**
 * A capability, as it declares itself to the platform: app.ts, main.ts, the seeder, the error
 * catalogue, key rotation, reveal and tracking loop over the list in modules/index.ts.
 */
export interface ModuleManifest {
  name: string;
  /** The tables it owns: only its repo.ts reads or writes them; other modules call its functions. */
  tables?: (keyof DB)[];
  /** OpenAPI tags of its routes. */
  tags?: { name: string; description: string }[];
  /** Registers its routes (and starts what they need, stopping it on the app's close). */
  register?: (app: FastifyInstance, ctx: ModuleContext) => PromiseLike<unknown>;
  /** Job handlers by job type, and the jobs that recur. */
  jobs?: (ctx: { config: Config; keys: KeyRing }) => Record<string, JobHandler>;
  schedules?: { type: string; everyMs: number }[];
  /** Its error codes, English and Chinese (see defineErrors). */
  errors?: ErrorCatalogue;
  /** Its encrypted columns, for key rotation. */
  encryptedColumns?: { table: string; columns: string[] }[];
  /** Its records whose masked fields may be revealed, by record type. */
  revealable?: Record<string, Revealable>;
  /** How its records are named in the audit trail, by record type (no personal data: names of things, references). */
  recordNames?: Record<string, RecordNamer>;
  /** Its records that files may be attached to, by record type. */
  attachable?: Record<string, AttachmentOwner>;
  /** The verified citizen's own requests of its kinds, for "my requests". */
  myRequests?: (ctx: Context) => Promise<TrackAnswer[]>;
  /** Public reference trackers, by reference prefix. */
  trackers?: Record<string, Tracker>;
  /** Work on the data before the server answers (e.g. encrypting what an older version stored plain). */
  prepare?: (db: Db, keys: KeyRing) => Promise<void>;
  /** Demo data; idempotent; called in the list's order. Answers how many records it made. */
  seed?: (db: Db, keys: KeyRing, options: SeedOptions) => Promise<number>;
  /** What waits for the signed-in user here (only what their actions allow), for the work desk. */
  desk?: (ctx: Context) => Promise<DeskItem[]>;
  /** The programmes of it that an organisation takes part in (what it shares with partners). */
  programmes?: (ctx: Context, orgId: string) => Promise<Programme[]>;
  /**
   * Its headline numbers for a period, as the regulator's dashboard reads them: their keys, and how
   * to count them. Without `count` they are the per-day counts its table's trigger keeps
   * (migration 0016), which also give the trend and the split by institution in one query each.
   */
  figures?: { keys: readonly string[]; count?: (db: Db, query: FigureQuery) => Promise<Record<string, number>> };
  /**
   * Its paragraphs of the regulator's bulletin for a period, written from its figures: the city's
   * total and each institution's (to name institutions where the figures do).
   */
  bulletin?: (figures: BulletinFigures, period: { from: string; to: string }) => BulletinParagraph[];
}

export interface BulletinFigures {
  total: Record<string, number>;
  byInstitution: { name: string; figures: Record<string, number> }[];
}

/** The instants a period of Shanghai dates covers: from its first midnight to the midnight after its last day. */
export function toInstants(query: FigureQuery): { start: Date; end: Date } {
  return { start: fromLocal(query.from, 0), end: fromLocal(addDays(query.to, 1), 0) };
}
