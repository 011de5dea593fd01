import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A directive (专项通知) of the regulator or an association; its number is unique per issuer.
  await db.schema
    .createTable('directives')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('issuer_org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('addressees', 'jsonb', (c) => c.notNull())
    .addColumn('acknowledge_within_hours', 'integer', (c) => c.notNull())
    .addColumn('actions', 'jsonb', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('issued_by', 'uuid')
    .addUniqueConstraint('directives_number', ['issuer_org_id', 'document_number'])
    .execute();
  // Each addressed institution, resolved when the directive is issued, and its acknowledgement (签收).
  await db.schema
    .createTable('directive_recipients')
    .addColumn('directive_id', 'uuid', (c) => c.notNull().references('directives.id'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'uuid')
    .addColumn('reminded_at', 'timestamptz')
    .addPrimaryKeyConstraint('directive_recipients_pk', ['directive_id', 'org_id'])
    .execute();
  await sql`create index directive_recipients_org on directive_recipients (org_id)`.execute(db);
  // A report form (报表) that goes with a directive, to the same institutions.
  await db.schema
    .createTable('report_forms')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('directive_id', 'uuid', (c) => c.notNull().unique().references('directives.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('due_after_hours', 'integer', (c) => c.notNull())
    .execute();
  // One report per form, institution and period; a correction replaces the values and counts a version.
  await db.schema
    .createTable('reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('report_forms.id'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('period', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('values', 'jsonb', (c) => c.notNull())
    .addColumn('preparer', 'text', (c) => c.notNull())
    .addColumn('responsible', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_by', 'uuid')
    .addColumn('late', 'boolean', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('reviewed_by', 'uuid')
    .addColumn('review_comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('reports_once', ['form_id', 'org_id', 'period'])
    .execute();
  // A locked period the regulator opened again for one institution, until a time.
  await db.schema
    .createTable('report_reopenings')
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('report_forms.id'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('period', 'date', (c) => c.notNull())
    .addColumn('until', 'timestamptz', (c) => c.notNull())
    .addColumn('reopened_by', 'uuid')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_reopenings_pk', ['form_id', 'org_id', 'period'])
    .execute();
  // The regulator's bulletin (简报): drafts, and published issues numbered per year.
  await db.schema
    .createTable('bulletins')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('from_date', 'date', (c) => c.notNull())
    .addColumn('to_date', 'date', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('sections', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('number', 'integer')
    .addColumn('generated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('generated_by', 'uuid')
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_by', 'uuid')
    .addUniqueConstraint('bulletins_number', ['year', 'number'])
    .execute();
}
