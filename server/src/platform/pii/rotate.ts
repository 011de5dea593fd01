import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { decryptField, encryptField, keyIdOf } from './crypto.ts';
import type { KeyRing } from './keys.ts';

/** Every encrypted column of the platform. A module that adds one adds it here, or rotation misses it. */
export const ENCRYPTED_COLUMNS: { table: string; columns: string[] }[] = [
  { table: 'users', columns: ['name_enc', 'mobile_enc', 'totp_secret_enc', 'home_enc'] },
  { table: 'notifications', columns: ['recipient_enc', 'body_enc'] },
  { table: 'webhook_endpoints', columns: ['secret_enc'] },
  { table: 'video_sessions', columns: ['mobile_enc', 'resident_id_enc', 'outcome_note_enc'] },
  { table: 'customer_records', columns: ['name_enc'] },
  {
    table: 'home_visits',
    columns: ['name_enc', 'mobile_enc', 'compound_enc', 'address_enc', 'resident_id_enc', 'identity_name_enc', 'outcome_note_enc'],
  },
];

/**
 * Re-encrypts every field still under an older key with the active key, in batches, each batch
 * its own transaction. Safe while the platform runs (a row changed meanwhile is skipped and picked
 * up by the next pass) and resumable (it only looks for rows not yet on the active key).
 */
export async function rotateKeys(
  db: Db,
  ring: KeyRing,
  options: { batchSize?: number; onProgress?: (table: string, done: number) => void } = {},
): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 500;
  const prefix = `v1.${ring.activeKeyId}.`;
  const counts: Record<string, number> = {};
  const raw = db.withoutPlugins();
  for (const { table, columns } of ENCRYPTED_COLUMNS) {
    counts[table] = 0;
    const stale = sql.join(
      columns.map((c) => sql`(${sql.ref(c)} is not null and ${sql.ref(c)} not like ${`${prefix}%`})`),
      sql` or `,
    );
    for (;;) {
      const rows = (
        await sql<
          Record<string, string | null>
        >`select id, ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)} where ${stale} limit ${batchSize}`.execute(raw)
      ).rows;
      if (rows.length === 0) break;
      await raw.transaction().execute(async (trx) => {
        for (const row of rows) {
          const sets = columns
            .filter((c) => row[c] && keyIdOf(row[c] as string) !== ring.activeKeyId)
            .map((c) => sql`${sql.ref(c)} = ${encryptField(ring, decryptField(ring, row[c] as string))}`);
          const unchanged = columns.map((c) => (row[c] === null ? sql`${sql.ref(c)} is null` : sql`${sql.ref(c)} = ${row[c]}`));
          // Only if nobody changed the row since it was read; otherwise the next pass takes it.
          await sql`update ${sql.table(table)} set ${sql.join(sets)} where id = ${row.id} and ${sql.join(unchanged, sql` and `)}`.execute(
            trx,
          );
        }
      });
      counts[table] += rows.length;
      options.onProgress?.(table, counts[table]);
    }
  }
  return counts;
}
