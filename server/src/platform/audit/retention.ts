import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export const MIN_RETENTION_DAYS = 184;

/**
 * Deletes audit events older than the retention period (never less than 184 days) and moves the
 * chain's anchor to the last deleted event, so that verification of the rest still holds.
 */
export async function purgeExpiredAuditEvents(db: Db, retentionDays: number): Promise<{ deleted: number }> {
  const days = Math.max(MIN_RETENTION_DAYS, retentionDays);
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('auditEvents')
      .select(['seq', 'hash'])
      .where('occurredAt', '<', sql<Date>`now() - ${`${days} days`}::interval`)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last) return { deleted: 0 };
    await sql`select set_config('shouhu.audit_purge', 'on', true)`.execute(trx);
    const result = await trx.deleteFrom('auditEvents').where('seq', '<=', last.seq).executeTakeFirst();
    await trx
      .insertInto('auditAnchor')
      .values({ id: 1, seq: last.seq, hash: last.hash })
      .onConflict((oc) => oc.column('id').doUpdateSet({ seq: last.seq, hash: last.hash }))
      .execute();
    return { deleted: Number(result.numDeletedRows) };
  });
}
