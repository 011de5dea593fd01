import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A work order's timeline reads its record's trail: by record, not by scanning the time index.
  await sql`create index audit_events_record on audit_events (record_type, record_id, occurred_at) where record_id is not null`.execute(db);
  // Closing a visit before its scheduled time needs the reason, kept with the record (encrypted: it may name people).
  await sql`alter table home_visits add column early_reason_enc text`.execute(db);
}
