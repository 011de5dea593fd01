import type { KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../access/policy.ts';
import { createId } from '../ids.ts';
import { computeEventHash, GENESIS_HASH } from './chain.ts';

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

// One chain for the whole platform: appends are serialised by a transaction-scoped advisory
// lock, so sequence order and chain order are the same on any number of processes.
const AUDIT_LOCK = 7_231_001;

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
export async function recordAudit(db: Db, auditKey: KeyObject, entry: AuditEntry): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => recordAudit(trx, auditKey, entry));
    return;
  }
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(db);
  const last = await db.selectFrom('auditEvents').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const anchor = last ? undefined : await db.selectFrom('auditAnchor').select(['seq', 'hash']).executeTakeFirst();
  const previous = last ?? anchor;
  const fields = {
    seq: Number(previous?.seq ?? 0) + 1,
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
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  const hash = computeEventHash(auditKey, fields);
  await db
    .insertInto('auditEvents')
    .values({ ...fields, summary: JSON.stringify(fields.summary), hash })
    .execute();
}
