import type { KeyObject } from 'node:crypto';
import type { Db, RecordScope } from '../db/database.ts';
import { type Action, type Actor, scopeOf } from './access/policy.ts';
import { auditRefusal } from './audit/refusals.ts';
import { type AuditEntry, recordAudit } from './audit/service.ts';
import type { KeyRing } from './pii/keys.ts';

/** What a service needs to act for a request: the database, the keys, who asks, and from where. */
export interface Context {
  db: Db;
  keys: KeyRing;
  auditKey: KeyObject;
  actor: Actor;
  requestId?: string;
  ip?: string;
}

/** Audits within the given transaction (or the context's database), stamped with the request. */
export function audit(ctx: Context, db: Db, entry: Omit<AuditEntry, 'actor' | 'requestId' | 'ip'> & { actor?: Actor }): Promise<void> {
  return recordAudit(db, ctx.auditKey, { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip, ...entry });
}

/** Audits a refused request, counting repeats instead of writing each (see auditRefusal). */
export function auditRefused(ctx: Context, entry: Omit<AuditEntry, 'actor' | 'requestId' | 'ip'>): Promise<void> {
  return auditRefusal(ctx.db, ctx.auditKey, { actor: ctx.actor, requestId: ctx.requestId, ip: ctx.ip, ...entry });
}

/** The organisation of whoever asks (staff or API token); empty for citizens and the anonymous. */
export const actorOrgId = (ctx: Context): string => ('orgId' in ctx.actor ? ctx.actor.orgId : '');
/** The staff member who asks; null for anyone else (a token, a citizen, the system). */
export const actorUserId = (ctx: Context): string | null => (ctx.actor.type === 'user' ? ctx.actor.userId : null);

/**
 * Whose records a list for `action` shows: every organisation's (or the one asked for) to those
 * whose scope is all, else the actor's own. Access itself is checked by the caller (assertCan).
 */
export function resolveOrgFilter(ctx: Context, action: Action, asked?: string): string | null {
  return scopeOf(ctx.actor, action) === 'all' ? (asked ?? null) : actorOrgId(ctx);
}

/**
 * Whose record a read by id may find: to someone whose scope is their own organisation, another's
 * record is "not found" (no probing); to others any, and assertCan then decides.
 */
export function recordScope(ctx: Context, action: Action): RecordScope {
  return { orgId: scopeOf(ctx.actor, action) === 'own' ? actorOrgId(ctx) : null };
}

/** For reads the caller has already scoped (a record it just found or wrote). */
export const ANY_ORGANIZATION: RecordScope = { orgId: null };
