import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { AUDIT_CHAINS } from './service.ts';

export const MIN_RETENTION_DAYS = 184;

/**
 * Deletes audit events older than the retention period (never less than 184 days) and moves each
 * chain's anchor to its last deleted event, so that verification of the rest still holds.
 */
export async function purgeExpiredAuditEvents(db: Db, retentionDays: number): Promise<{ deleted: number }> {
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
      await trx
        .insertInto('auditAnchor')
        .values({ chain, seq: last.seq, hash: last.hash })
        .onConflict((oc) => oc.column('chain').doUpdateSet({ seq: last.seq, hash: last.hash }))
        .execute();
      deleted += Number(result.numDeletedRows);
    }
    return { deleted };
  });
}
