import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A plan also names who holds each key post (A and B, AB角), the people of other branches it
  // calls on first (its substitute pool), and who is on duty around the clock.
  await db.schema
    .alterTable('staffing_plans')
    .addColumn('key_posts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('substitute_pool', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('duty', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  // Each branch's staffing state on a day, as the day's boards were last computed: what the
  // regulator's figures count over a period (a board is computed live; a year of them is not).
  await db.schema
    .createTable('staffing_days')
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('branch_id', 'uuid', (c) => c.notNull().references('branches.id').onDelete('cascade'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('adjusted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('staffing_days_pk', ['day', 'branch_id'])
    .execute();
  await sql`create index staffing_days_org on staffing_days (org_id, day)`.execute(db);
  // Where a console user lives now belongs to their roster entry: the user's own field goes.
  await db.schema.alterTable('users').dropColumn('home_enc').execute();
}
