import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Published records are corrected, not erased: a withdrawal keeps the record with when and why,
  // so the next notice can say what was withdrawn and the history still reads whole.
  for (const table of ['branch_adjustments', 'online_channels', 'lockdown_zones']) {
    await sql`alter table ${sql.table(table)} add column withdrawn_at timestamptz, add column withdrawn_reason text`.execute(db);
  }
  await sql`alter table branch_adjustments add column updated_at timestamptz not null default now()`.execute(db);
}
