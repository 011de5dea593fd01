import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Where a staff member lives (street code and location, encrypted as one JSON value): someone
  // whose compound is sealed or controlled cannot be sent out.
  await db.schema.alterTable('users').addColumn('home_enc', 'text').execute();

  await sql`create sequence home_visit_numbers`.execute(db);
  // Home visits (上门服务, C3). Personal data encrypted; the mobile also as a keyed hash, so a
  // verified citizen finds their own requests.
  await db.schema
    .createTable('home_visits')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('mobile_enc', 'text', (c) => c.notNull())
    .addColumn('mobile_hash', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('street_code', 'text', (c) => c.notNull())
    .addColumn('compound', 'text', (c) => c.notNull())
    .addColumn('address_enc', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('windows', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('requested', 'accepted', 'scheduled', 'done', 'partly_done', 'refused', 'unreachable')`),
    )
    .addColumn('raised_by', 'text', (c) => c.notNull().check(sql`raised_by in ('citizen', 'staff')`))
    .addColumn('raised_by_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('resident_id_enc', 'text')
    .addColumn('resident_id_hash', 'text')
    .addColumn('identity_name_enc', 'text')
    .addColumn('documents', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('identity_checked_at', 'timestamptz')
    .addColumn('identity_checked_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('assigned_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('scheduled_at', 'timestamptz')
    .addColumn('outcome_note_enc', 'text')
    .addColumn('first_response_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('home_visits_org_status').on('home_visits').columns(['org_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('home_visits_mobile').on('home_visits').column('mobile_hash').execute();
}
