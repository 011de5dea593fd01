import type { KeyObject } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { computeEventHash, GENESIS_HASH } from './chain.ts';
import { type AuditCheckpoint, isCheckpointSigned, listAuditCheckpoints, signAnchor } from './checkpoints.ts';
import { AUDIT_CHAINS } from './service.ts';

export interface AuditProblem {
  chain: number;
  seq: number;
  kind: 'modified' | 'deleted' | 'inserted_or_reordered' | 'checkpoint_invalid';
  message: string;
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const hideTimestamps = (value: unknown): unknown =>
  typeof value === 'string' && TIMESTAMP.test(value)
    ? {}
    : Array.isArray(value)
      ? value.map(hideTimestamps)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hideTimestamps(v)]))
        : value;

/**
 * Walks every chain in sequence order and reports every break: an event whose content no longer
 * matches its keyed hash (modified), a gap in the sequence (deleted), or an event that does not
 * link to the one before it (inserted or reordered). Removals at either end show too: an anchor
 * not signed by this installation (the first events deleted and the anchor moved), and an event
 * a signed checkpoint names that is no longer there (the last events, or a whole chain, deleted
 * and the head moved back). Checkpoints come from the database and from `checkpoints` (the file
 * kept apart, or an export of it).
 */
export async function verifyAuditTrail(
  db: Db,
  auditKey: KeyObject,
  options: { batchSize?: number; checkpoints?: AuditCheckpoint[] } = {},
): Promise<{ checked: number; problems: AuditProblem[] }> {
  const batchSize = options.batchSize ?? 5000;
  const anchors = new Map((await db.selectFrom('auditAnchor').selectAll().execute()).map((a) => [a.chain, a]));
  const heads = new Map((await db.selectFrom('auditHeads').selectAll().execute()).map((h) => [h.chain, h]));
  let checked = 0;
  const problems: AuditProblem[] = [];
  const checkpoints = [...(await listAuditCheckpoints(db)), ...(options.checkpoints ?? [])];
  // Only the events checkpoints name are remembered on the walk: memory stays bounded by them.
  const wanted = new Set(checkpoints.flatMap((c) => (Array.isArray(c.heads) ? c.heads.map((h) => `${h.chain}:${h.seq}`) : [])));
  const seen = new Map<string, string>();
  for (let chain = 0; chain < AUDIT_CHAINS; chain++) {
    const anchor = anchors.get(chain);
    if (anchor && anchor.mac !== signAnchor(auditKey, { chain, seq: Number(anchor.seq), hash: anchor.hash })) {
      problems.push({
        chain,
        seq: Number(anchor.seq),
        kind: 'deleted',
        message: `the anchor of chain ${chain} (event ${anchor.seq}) was not set by the retention purge: events before it may have been removed`,
      });
    }
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
        if (wanted.has(`${chain}:${seq}`)) seen.set(`${chain}:${seq}`, row.hash);
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
        const fields = { ...row, chain, seq, occurredAt: new Date(row.occurredAt).toISOString() };
        const recomputed = computeEventHash(auditKey, fields);
        // Events written before dates were hashed as text had each Date hashed as {} (see canonicalJson).
        const asWrittenBefore = () => computeEventHash(auditKey, { ...fields, summary: hideTimestamps(row.summary) });
        if (recomputed !== row.hash && asWrittenBefore() !== row.hash)
          problems.push({ chain, seq, kind: 'modified', message: `${at} was changed after it was written` });
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
  const reported = new Set<string>();
  for (const checkpoint of checkpoints) {
    if (!isCheckpointSigned(auditKey, checkpoint)) {
      problems.push({
        chain: -1,
        seq: 0,
        kind: 'checkpoint_invalid',
        message: `checkpoint ${checkpoint.id} of ${checkpoint.takenAt} is not signed by this installation`,
      });
      continue;
    }
    for (const head of checkpoint.heads) {
      const anchored = Number(anchors.get(head.chain)?.seq ?? 0);
      const key = `${head.chain}:${head.seq}`;
      // Events up to the anchor were purged by the retention rule; seq 0 is an empty chain.
      if (head.seq === 0 || head.seq <= anchored || reported.has(key)) continue;
      const found = seen.get(key);
      if (found === head.hash) continue;
      reported.add(key);
      problems.push(
        found === undefined
          ? {
              chain: head.chain,
              seq: head.seq,
              kind: 'deleted',
              message: `chain ${head.chain}, event ${head.seq}, recorded by the checkpoint of ${checkpoint.takenAt}, is missing`,
            }
          : {
              chain: head.chain,
              seq: head.seq,
              kind: 'modified',
              message: `chain ${head.chain}, event ${head.seq} is not the one the checkpoint of ${checkpoint.takenAt} recorded`,
            },
      );
    }
  }
  return { checked, problems };
}
