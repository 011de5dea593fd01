import type { KeyObject } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { computeEventHash, GENESIS_HASH } from './chain.ts';

export interface AuditProblem {
  seq: number;
  kind: 'modified' | 'deleted' | 'inserted_or_reordered';
  message: string;
}

/**
 * Walks the whole trail in sequence order and reports every break: an event whose content no
 * longer matches its hash (modified), a gap in the sequence (deleted), or an event that does not
 * link to the one before it (inserted or reordered).
 */
export async function verifyAuditTrail(
  db: Db,
  auditKey: KeyObject,
  batchSize = 5000,
): Promise<{ checked: number; problems: AuditProblem[] }> {
  const anchor = await db.selectFrom('auditAnchor').select(['seq', 'hash']).executeTakeFirst();
  let expectedSeq = Number(anchor?.seq ?? 0) + 1;
  let expectedPrev = anchor?.hash ?? GENESIS_HASH;
  let after = expectedSeq - 1;
  let checked = 0;
  const problems: AuditProblem[] = [];
  for (;;) {
    const rows = await db.selectFrom('auditEvents').selectAll().where('seq', '>', after).orderBy('seq').limit(batchSize).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      checked++;
      const recomputed = computeEventHash(auditKey, { ...row, seq, occurredAt: new Date(row.occurredAt).toISOString() });
      if (seq !== expectedSeq) {
        problems.push({ seq, kind: 'deleted', message: `events ${expectedSeq}–${seq - 1} are missing before event ${seq}` });
      } else if (row.prevHash !== expectedPrev) {
        problems.push({ seq, kind: 'inserted_or_reordered', message: `event ${seq} does not follow the event before it` });
      }
      if (recomputed !== row.hash) {
        problems.push({ seq, kind: 'modified', message: `event ${seq} was changed after it was written` });
      }
      expectedSeq = seq + 1;
      expectedPrev = row.hash;
      after = seq;
    }
  }
  return { checked, problems };
}
