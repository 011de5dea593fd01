import { createHmac, type KeyObject } from 'node:crypto';

export const GENESIS_HASH = 'genesis';

/** The fields an audit event's hash covers, in a fixed order. */
export interface ChainedFields {
  chain: number;
  seq: number;
  id: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  actorOrgId: string | null;
  actorRole: string | null;
  orgId: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  outcome: string;
  requestId: string | null;
  ip: string | null;
  summary: unknown;
  prevHash: string;
}

/**
 * JSON with object keys sorted, so that jsonb's reordering does not change the hash. Values with
 * a JSON form of their own (a Date) are hashed as that form, which is what jsonb stores.
 */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Keyed (HMAC-SHA256) so that someone with write access to the database but not the key cannot
 * forge a consistent chain after changing it.
 */
export function computeEventHash(key: KeyObject, fields: ChainedFields): string {
  const f = fields;
  const material = [
    f.chain,
    f.seq,
    f.id,
    f.occurredAt,
    f.actorType,
    f.actorId,
    f.actorOrgId,
    f.actorRole,
    f.orgId,
    f.action,
    f.recordType,
    f.recordId,
    f.outcome,
    f.requestId,
    f.ip,
    canonicalJson(f.summary),
    f.prevHash,
  ];
  return createHmac('sha256', key).update(JSON.stringify(material)).digest('hex');
}
