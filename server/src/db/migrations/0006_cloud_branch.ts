import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence video_session_numbers`.execute(db);
  // The cloud branch's queue (云网点, C5): one row per customer's place, from booking or joining
  // to the agent's outcome. The queue order is joined_at; the database is the truth, so a restart
  // loses no one.
  await db.schema
    .createTable('video_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('mobile_enc', 'text', (c) => c.notNull())
    .addColumn('mobile_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('booked', 'waiting', 'serving', 'served', 'not_served', 'no_show', 'left')`),
    )
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull())
    .addColumn('slot_at', 'timestamptz')
    .addColumn('agent_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('taken_at', 'timestamptz')
    .addColumn('room', 'text')
    .addColumn('resident_id_enc', 'text')
    .addColumn('resident_id_hash', 'text')
    .addColumn('name_matched', 'boolean')
    .addColumn('liveness_passed', 'boolean')
    .addColumn('identity_checked_at', 'timestamptz')
    .addColumn('outcome_note_enc', 'text')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('video_sessions_queue').on('video_sessions').columns(['org_id', 'service', 'status', 'joined_at']).execute();
  // One open place per customer and queue: joining twice is refused by the database itself.
  await sql`create unique index video_sessions_one_open on video_sessions (org_id, service, mobile_hash)
    where status in ('booked', 'waiting', 'serving')`.execute(db);

  // The institution's own customers, for matching the name given on video (resident ID as a keyed hash).
  await db.schema
    .createTable('customer_records')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('resident_id_hash', 'text', (c) => c.notNull())
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addUniqueConstraint('customer_records_resident', ['org_id', 'resident_id_hash'])
    .execute();
}
