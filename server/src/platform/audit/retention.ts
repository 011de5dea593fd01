import type { KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { signAnchor } from './checkpoints.ts';
import { AUDIT_CHAINS } from './service.ts';

export const MIN_RETENTION_DAYS = 184;

/**
 * Deletes audit events older than the retention period (never less than 184 days; the database
 * refuses younger ones whatever it is told) and moves each chain's anchor to its last deleted
 * event, signed, so that verification of the rest still holds and a forged anchor shows.
 */
export async function purgeExpiredAuditEvents(db: Db, auditKey: KeyObject, retentionDays: number): Promise<{ deleted: number }> {
  const days = Math.max(MIN_RETENTION_DAYS, retentionDays);
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('shouhu.audit_purge', 'on', true)`.execute(trx);
    let deleted = 0;
    for (let chain = 0; chain < AUDIT_CHAINS; chain++) {
      const last = await trx
        .selectFrom('auditEvents')
        .select(['seq', 'hash'])
        .where('chain', '=', chain)
        .where('occurredAt', '<', sql<Date>`now() - ${`${days} days`}::interval`)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!last) continue;
      const result = await trx.deleteFrom('auditEvents').where('chain', '=', chain).where('seq', '<=', last.seq).executeTakeFirst();
      const anchor = { chain, seq: Number(last.seq), hash: last.hash };
      const mac = signAnchor(auditKey, anchor);
      await trx
        .insertInto('auditAnchor')
        .values({ ...anchor, mac })
        .onConflict((oc) => oc.column('chain').doUpdateSet({ seq: anchor.seq, hash: anchor.hash, mac }))
        .execute();
      deleted += Number(result.numDeletedRows);
    }
    return { deleted };
  });
}
