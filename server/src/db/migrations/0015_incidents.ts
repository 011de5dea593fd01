import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // An incident an institution reports (突发事件): its current picture, kept from its latest report.
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('especially_serious', 'serious', 'major', 'general')`))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('learned_at', 'timestamptz', (c) => c.notNull())
    .addColumn('initial_due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('initial_late', 'boolean', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    .addColumn('branches_affected', 'integer', (c) => c.notNull())
    .addColumn('customers_affected', 'integer', (c) => c.notNull())
    .addColumn('last_filed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reports', 'integer', (c) => c.notNull())
    .execute();
  await sql`create index incidents_org on incidents (org_id, last_filed_at desc)`.execute(db);
  // Each filing: the initial report, follow-ups and the result report, as filed (the phone encrypted).
  await db.schema
    .createTable('incident_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('incident_id', 'uuid', (c) => c.notNull().references('incidents.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('initial', 'follow_up', 'result')`))
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('filed_by', 'uuid')
    .addColumn('late', 'boolean', (c) => c.notNull())
    .addColumn('contents', 'jsonb', (c) => c.notNull())
    .addColumn('contact_phone_enc', 'text', (c) => c.notNull())
    .execute();
  await sql`create index incident_reports_incident on incident_reports (incident_id, filed_at)`.execute(db);
  // The hours allowed per level, set by the regulator; rows are written with the defaults on first read.
  await db.schema
    .createTable('incident_deadlines')
    .addColumn('level', 'text', (c) => c.primaryKey())
    .addColumn('initial_hours', 'integer', (c) => c.notNull())
    .addColumn('follow_up_hours', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'uuid')
    .execute();
}
