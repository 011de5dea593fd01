import type { KeyObject } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { type AuditEntry, recordAudit } from './service.ts';

/** Refusals of one kind, from one caller, are written once per window and then counted. */
export const REFUSAL_WINDOW_MS = 60_000;
const MAX_KEYS = 10_000;

interface Pending {
  db: Db;
  auditKey: KeyObject;
  entry: AuditEntry;
  repeated: number;
  timer: NodeJS.Timeout;
}
const pending = new Map<string, Pending>();

function keyOf(entry: AuditEntry): string {
  const actor = entry.actor;
  const who =
    actor.type === 'user' ? actor.userId : actor.type === 'token' ? actor.tokenId : actor.type === 'citizen' ? actor.sessionId : '';
  return [entry.action, entry.ip ?? '', who, JSON.stringify(entry.summary ?? {}), entry.recordId ?? ''].join('|');
}

async function writeRepeats(key: string): Promise<void> {
  const p = pending.get(key);
  if (!p) return;
  clearTimeout(p.timer);
  pending.delete(key);
  if (p.repeated === 0) return;
  await recordAudit(p.db, p.auditKey, {
    ...p.entry,
    summary: { ...p.entry.summary, repeated: p.repeated, windowSeconds: REFUSAL_WINDOW_MS / 1000 },
  }).catch(() => {});
}

/**
 * Audits a refused request (CSRF, access, a bad token) without letting a flood of them flood the
 * trail: the first of a kind from a caller is written at once, the same refusals in the next
 * minute are counted, and one event with the count (`summary.repeated`) follows at the window's
 * end. 700 refusals in 3 seconds write two rows, not 700.
 */
export async function auditRefusal(db: Db, auditKey: KeyObject, entry: AuditEntry): Promise<void> {
  const key = keyOf(entry);
  const seen = pending.get(key);
  if (seen) {
    seen.repeated++;
    return;
  }
  if (pending.size >= MAX_KEYS) await flushRefusalAudits();
  const timer = setTimeout(() => void writeRepeats(key), REFUSAL_WINDOW_MS);
  timer.unref();
  pending.set(key, { db, auditKey, entry, repeated: 0, timer });
  await recordAudit(db, auditKey, entry);
}

/** Writes every count not yet written (at shutdown, and when too many callers are counted at once). */
export async function flushRefusalAudits(): Promise<void> {
  await Promise.all([...pending.keys()].map(writeRepeats));
}
