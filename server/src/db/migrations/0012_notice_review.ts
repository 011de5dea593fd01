import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A notice is drafted by one person of the association and reviewed and published by another,
  // under a document number (文号) and a signing date (落款); versions published before have none.
  await sql`alter table notices
    add column compiled_by uuid references users(id),
    add column published_by uuid references users(id),
    add column document_number text,
    add column signed_on date`.execute(db);
}
