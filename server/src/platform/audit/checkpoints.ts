import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../../db/database.ts';
import type { AuditCheckpointHead } from '../../db/schema.ts';
import { createId } from '../ids.ts';

/**
 * Signed checkpoints of every chain's head. The head row in the database moves with the chain, so
 * someone who deletes the newest events can move it back too; a checkpoint kept outside the rows
 * it covers — appended to a file apart from the database, and exportable — says how far each
 * chain had come, and verification finds every event it names. Events written after the last
 * checkpoint are covered by the next one (every five minutes by default).
 */
export interface AuditCheckpoint {
  id: string;
  takenAt: string;
  heads: AuditCheckpointHead[];
  mac: string;
}

export const CHECKPOINT_EVERY_MS = 5 * 60_000;

const sign = (key: KeyObject, c: Omit<AuditCheckpoint, 'mac'>) =>
  createHmac('sha256', key)
    .update(JSON.stringify(['checkpoint', c.id, c.takenAt, c.heads.map((h) => [h.chain, h.seq, h.hash])]))
    .digest('hex');

/** Whether a checkpoint is one this installation signed, unchanged. */
export function isCheckpointSigned(key: KeyObject, c: AuditCheckpoint): boolean {
  const wellFormed =
    typeof c?.id === 'string' &&
    typeof c.takenAt === 'string' &&
    Array.isArray(c.heads) &&
    c.heads.every((h) => Number.isInteger(h?.chain) && Number.isInteger(h?.seq) && typeof h?.hash === 'string');
  if (!wellFormed) return false;
  const expected = Buffer.from(sign(key, c), 'hex');
  const given = Buffer.from(String(c.mac), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The signature of a chain's anchor, which only the retention purge moves. */
export const signAnchor = (key: KeyObject, a: { chain: number; seq: number; hash: string }) =>
  createHmac('sha256', key)
    .update(JSON.stringify(['anchor', a.chain, a.seq, a.hash]))
    .digest('hex');

/** Takes a checkpoint now: in the database and, when given, appended to the file kept apart. */
export async function takeAuditCheckpoint(db: Db, key: KeyObject, file?: string): Promise<AuditCheckpoint> {
  const heads = (await db.selectFrom('auditHeads').select(['chain', 'seq', 'hash']).orderBy('chain').execute()).map((h) => ({
    chain: h.chain,
    seq: Number(h.seq),
    hash: h.hash,
  }));
  const unsigned = { id: createId(), takenAt: new Date().toISOString(), heads };
  const checkpoint = { ...unsigned, mac: sign(key, unsigned) };
  await db
    .insertInto('auditCheckpoints')
    .values({ id: checkpoint.id, takenAt: checkpoint.takenAt, heads: JSON.stringify(heads) as never, mac: checkpoint.mac })
    .execute();
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  }
  return checkpoint;
}

export async function listAuditCheckpoints(db: Db): Promise<AuditCheckpoint[]> {
  const rows = await db.selectFrom('auditCheckpoints').selectAll().orderBy('takenAt').execute();
  return rows.map((r) => ({ id: r.id, takenAt: new Date(r.takenAt).toISOString(), heads: r.heads, mac: r.mac }));
}

/** Checkpoints from a file of JSON lines (the one kept apart, or an export); unreadable lines are returned as such. */
export function readCheckpointFile(file: string): { checkpoints: AuditCheckpoint[]; unreadableLines: number[] } {
  if (!existsSync(file)) return { checkpoints: [], unreadableLines: [] };
  const checkpoints: AuditCheckpoint[] = [];
  const unreadableLines: number[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        checkpoints.push(JSON.parse(line) as AuditCheckpoint);
      } catch {
        unreadableLines.push(i + 1);
      }
    });
  return { checkpoints, unreadableLines };
}
