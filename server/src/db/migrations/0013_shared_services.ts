import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Any capability may declare service-level targets: the channel is checked by the API's schema, not a list fixed here.
  await sql`alter table service_level_targets drop constraint if exists service_level_targets_channel_check`.execute(db);
  await sql`alter table throughput_baselines drop constraint if exists throughput_baselines_channel_check`.execute(db);

  // A partner says what kind of partner it is; a committee's organisation names the committee it is.
  await sql`alter table organizations add column partner_kind text, add column committee_code char(12)`.execute(db);
  await sql`update organizations set partner_kind = 'other' where kind = 'partner'`.execute(db);
  // A zone (a compound) may name the committee it lies in.
  await sql`alter table lockdown_zones add column committee_code char(12)`.execute(db);
  // A home visit may say which committee its compound is under (picked street → committee).
  await sql`alter table home_visits add column committee_code char(12)`.execute(db);

  // A token acts with the role of the person who made it, within its scopes; older tokens with
  // no known maker get the narrowest role.
  await sql`alter table api_tokens add column role text`.execute(db);
  await sql`update api_tokens t set role = coalesce((select u.role from users u where u.id = t.created_by), 'partner')`.execute(db);
  await sql`alter table api_tokens alter column role set not null`.execute(db);

  await db.schema
    .createTable('inbox_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text')
    .addColumn('record_id', 'text')
    .addColumn('due_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .execute();
  await sql`create index inbox_items_user_created on inbox_items (user_id, created_at desc)`.execute(db);
  // One item per record and kind for a user: a job that finds the same deadline again adds nothing.
  await sql`create unique index inbox_items_once on inbox_items (user_id, kind, record_type, record_id) where record_id is not null`.execute(
    db,
  );

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sms', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('email', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute();
  await sql`alter table users add column email_enc text`.execute(db);

  // Public references of every kind draw from one counter per prefix that never wraps (the numbers
  // grow past six digits); the two kinds so far carry on from their sequences.
  await db.schema
    .createTable('reference_counters')
    .addColumn('prefix', 'text', (c) => c.primaryKey())
    .addColumn('last', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into reference_counters (prefix, last)
    select 'HV', coalesce((select last_value from home_visit_numbers where is_called), 0)
    union all select 'VS', coalesce((select last_value from video_session_numbers where is_called), 0)`.execute(db);
  await sql`drop sequence home_visit_numbers`.execute(db);
  await sql`drop sequence video_session_numbers`.execute(db);

  // Files belong to a record (a home visit, a complaint) and live in the database: every process
  // sees them and one backup holds them.
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index attachments_record on attachments (record_type, record_id)`.execute(db);

  // Places below the street: compounds (小区) registered under a committee, and grids (网格) as
  // sets of committees, an institution's own or a district's.
  await db.schema
    .createTable('compounds')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('committee_code', 'char(12)', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('registered_by', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('compounds_committee_name', ['committee_code', 'name'])
    .execute();
  await db.schema
    .createTable('grids')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'uuid', (c) => c.references('organizations.id'))
    .addColumn('district_code', 'char(6)')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('committee_codes', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
