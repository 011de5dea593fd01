import type { KeyObject } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { computeEventHash, GENESIS_HASH } from './chain.ts';
import { AUDIT_CHAINS } from './service.ts';

export interface AuditProblem {
  chain: number;
  seq: number;
  kind: 'modified' | 'deleted' | 'inserted_or_reordered';
  message: string;
}

/**
 * Walks every chain in sequence order and reports every break: an event whose content no longer
 * matches its keyed hash (modified), a gap in the sequence (deleted), or an event that does not
 * link to the one before it (inserted or reordered).
 */
export async function verifyAuditTrail(
  db: Db,
  auditKey: KeyObject,
  batchSize = 5000,
): Promise<{ checked: number; problems: AuditProblem[] }> {
  const anchors = new Map((await db.selectFrom('auditAnchor').selectAll().execute()).map((a) => [a.chain, a]));
  const heads = new Map((await db.selectFrom('auditHeads').selectAll().execute()).map((h) => [h.chain, h]));
  let checked = 0;
  const problems: AuditProblem[] = [];
  for (let chain = 0; chain < AUDIT_CHAINS; chain++) {
    const anchor = anchors.get(chain);
    let expectedSeq = Number(anchor?.seq ?? 0) + 1;
    let expectedPrev = anchor?.hash ?? GENESIS_HASH;
    let after = expectedSeq - 1;
    for (;;) {
      const rows = await db
        .selectFrom('auditEvents')
        .selectAll()
        .where('chain', '=', chain)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        const seq = Number(row.seq);
        const at = `chain ${chain}, event ${seq}`;
        checked++;
        if (seq !== expectedSeq) {
          problems.push({
            chain,
            seq,
            kind: 'deleted',
            message: `events ${expectedSeq}–${seq - 1} of chain ${chain} are missing before event ${seq}`,
          });
        } else if (row.prevHash !== expectedPrev) {
          problems.push({ chain, seq, kind: 'inserted_or_reordered', message: `${at} does not follow the event before it` });
        }
        const recomputed = computeEventHash(auditKey, { ...row, chain, seq, occurredAt: new Date(row.occurredAt).toISOString() });
        if (recomputed !== row.hash) problems.push({ chain, seq, kind: 'modified', message: `${at} was changed after it was written` });
        expectedSeq = seq + 1;
        expectedPrev = row.hash;
        after = seq;
      }
    }
    const head = heads.get(chain);
    const lastSeq = expectedSeq - 1;
    if (head && Number(head.seq) > lastSeq) {
      problems.push({
        chain,
        seq: Number(head.seq),
        kind: 'deleted',
        message: `events ${lastSeq + 1}–${head.seq} at the end of chain ${chain} are missing`,
      });
    } else if (head && Number(head.seq) === lastSeq && head.hash !== expectedPrev) {
      problems.push({ chain, seq: lastSeq, kind: 'modified', message: `chain ${chain}, event ${lastSeq} does not match the chain's head` });
    }
  }
  return { checked, problems };
}
