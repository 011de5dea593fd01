import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { decryptField, encryptField, keyIdOf } from './crypto.ts';
import type { KeyRing } from './keys.ts';

export interface EncryptedColumns {
  table: string;
  columns: string[];
}

/** The platform's own encrypted columns; each module declares its own in its manifest. */
export const PLATFORM_ENCRYPTED_COLUMNS: EncryptedColumns[] = [
  { table: 'notifications', columns: ['recipient_enc', 'body_enc'] },
  { table: 'webhook_endpoints', columns: ['secret_enc'] },
];

/**
 * Re-encrypts every field still under an older key with the active key, in batches, each batch
 * its own transaction. Safe while the platform runs (a row changed meanwhile is skipped and picked
 * up by the next pass) and resumable (it only looks for rows not yet on the active key).
 */
export async function rotateKeys(
  db: Db,
  ring: KeyRing,
  tables: readonly EncryptedColumns[],
  options: { batchSize?: number; onProgress?: (table: string, done: number) => void } = {},
): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 500;
  const prefix = `v1.${ring.activeKeyId}.`;
  const counts: Record<string, number> = {};
  const raw = db.withoutPlugins();
  for (const { table, columns } of tables) {
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
