import type { KeyObject } from 'node:crypto';
import { randomInt } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/policy.ts';
import { createId } from '../ids.ts';
import { computeEventHash } from './chain.ts';

export type AuditOutcome = 'success' | 'denied' | 'failure';

export interface AuditEntry {
  action: string;
  outcome?: AuditOutcome;
  actor: Actor;
  /** The tenant whose trail this belongs to (the record's organisation). */
  orgId?: string | null;
  recordType?: string;
  recordId?: string;
  /** Before/after or other facts; personal data only masked. */
  summary?: Record<string, unknown>;
  requestId?: string;
  ip?: string;
}

// Events go to one of several chains, each serialised by the row lock on its head: within a
// chain, sequence order is chain order on any number of processes, and concurrent requests do
// not queue behind one lock (a single chain capped PostgreSQL at a third of the bare insert rate;
// see docs/BENCHMARKS.md). The chains are independent: each verifies on its own.
export const AUDIT_CHAINS = 16;

function describeActor(actor: Actor) {
  switch (actor.type) {
    case 'user':
      return { actorType: 'user', actorId: actor.userId, actorOrgId: actor.orgId, actorRole: actor.role };
    case 'token':
      return { actorType: 'token', actorId: actor.tokenId, actorOrgId: actor.orgId, actorRole: null };
    case 'citizen':
      return { actorType: 'citizen', actorId: actor.sessionId, actorOrgId: null, actorRole: null };
    case 'system':
      return { actorType: 'system', actorId: actor.name, actorOrgId: null, actorRole: null };
    default:
      return { actorType: 'anonymous', actorId: null, actorOrgId: null, actorRole: null };
  }
}

/**
 * Appends an event to the hash-chained trail. Pass the transaction of the change it records, so
 * that the change and its audit entry commit together or not at all.
 */
export function recordAudit(db: Db, auditKey: KeyObject, entry: AuditEntry): Promise<void> {
  return recordAudits(db, auditKey, [entry]);
}

/**
 * Appends several events, in order, to one chain: one head lock and one statement for all of
 * them (the batched intake of home visits writes many requests in one transaction).
 */
export async function recordAudits(db: Db, auditKey: KeyObject, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => recordAudits(trx, auditKey, entries));
    return;
  }
  const chain = randomInt(AUDIT_CHAINS);
  const head = await db.selectFrom('auditHeads').select(['seq', 'hash']).where('chain', '=', chain).forUpdate().executeTakeFirstOrThrow();
  let seq = Number(head.seq);
  let prevHash = head.hash;
  const events = entries.map((entry) => {
    const fields = {
      chain,
      seq: ++seq,
      id: createId(),
      occurredAt: new Date().toISOString(),
      ...describeActor(entry.actor),
      orgId: entry.orgId ?? null,
      action: entry.action,
      recordType: entry.recordType ?? null,
      recordId: entry.recordId ?? null,
      outcome: entry.outcome ?? 'success',
      requestId: entry.requestId ?? null,
      ip: entry.ip ?? null,
      summary: entry.summary ?? {},
      prevHash,
    };
    prevHash = computeEventHash(auditKey, fields);
    return { ...fields, summary: JSON.stringify(fields.summary), hash: prevHash };
  });
  // Events and head in one statement: one round trip fewer on every audited request.
  await db
    .with('event', (qb) => qb.insertInto('auditEvents').values(events).returning('seq'))
    .updateTable('auditHeads')
    .set({ seq, hash: prevHash })
    .where('chain', '=', chain)
    .execute();
}
