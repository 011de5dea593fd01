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
      return { actorType: 'token', actorId: actor.tokenId, actorOrgId: actor.orgId, actorRole: actor.role };
    case 'citizen':
      return { actorType: 'citizen', actorId: actor.sessionId, actorOrgId: null, actorRole: null };
    case 'system':
      return { actorType: 'system', actorId: actor.name, actorOrgId: null, actorRole: null };
    default:
      return { actorType: 'anonymous', actorId: null, actorOrgId: null, actorRole: null };
  }
}

/** A chain's last event, which the next one links to. */
export interface AuditHead {
  chain: number;
  seq: number;
  hash: string;
}

/**
 * Links entries, in order, onto a head: the event rows to insert and the head after them. The one
 * place the chain is built, whichever way the events are then written.
 */
export function chainAuditEntries(auditKey: KeyObject, head: AuditHead, entries: AuditEntry[]) {
  let { seq, hash: prevHash } = head;
  const events = entries.map((entry) => {
    const fields = {
      chain: head.chain,
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
    return { ...fields, hash: prevHash };
  });
  return { events, head: { chain: head.chain, seq, hash: prevHash } };
}

/**
 * Appends an event to the hash-chained trail, holding its chain's head row locked. Pass the
 * transaction of the change it records, so that the change and its audit entry commit together or
 * not at all. (Batched intake appends without the lock: insert-audited.ts.)
 */
export async function recordAudit(db: Db, auditKey: KeyObject, entry: AuditEntry): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => recordAudit(trx, auditKey, entry));
    return;
  }
  const chain = randomInt(AUDIT_CHAINS);
  const locked = await db.selectFrom('auditHeads').select(['seq', 'hash']).where('chain', '=', chain).forUpdate().executeTakeFirstOrThrow();
  const { events, head } = chainAuditEntries(auditKey, { chain, seq: Number(locked.seq), hash: locked.hash }, [entry]);
  // Event and head in one statement: one round trip fewer on every audited request.
  await db
    .with('event', (qb) =>
      qb
        .insertInto('auditEvents')
        .values(events.map((e) => ({ ...e, summary: JSON.stringify(e.summary) })))
        .returning('seq'),
    )
    .updateTable('auditHeads')
    .set({ seq: head.seq, hash: head.hash })
    .where('chain', '=', chain)
    .execute();
}
