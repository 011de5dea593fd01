import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The roster (员工名册): who works at which branch, in which posts, and where they live. The home
  // (street and committee) and its compound are encrypted; its street and its compound are also kept as keyed hashes, so that the people a
  // zone locks in are found without decrypting everyone's home.
  await db.schema
    .createTable('staff')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('branch_id', 'uuid', (c) => c.notNull().references('branches.id'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').unique())
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('home_enc', 'text', (c) => c.notNull())
    .addColumn('compound_enc', 'text', (c) => c.notNull())
    .addColumn('home_street_hash', 'text', (c) => c.notNull())
    .addColumn('home_compound_hash', 'text', (c) => c.notNull())
    .addColumn('posts', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index staff_org_branch on staff (org_id, branch_id)`.execute(db);
  await sql`create index staff_home_street on staff (home_street_hash)`.execute(db);
  await sql`create index staff_home_compound on staff (home_compound_hash)`.execute(db);
  // An institution's own posts, besides the standard ones.
  await db.schema
    .createTable('staff_posts')
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_posts_pk', ['org_id', 'code'])
    .execute();
  // A branch's contingency plan (应急预案): the fewest people per post it opens with, and what it
  // does when it has fewer (shorter hours or closing, with where customers go instead). Versioned;
  // the latest one approved by the institution's admin is in force.
  await db.schema
    .createTable('staffing_plans')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('branch_id', 'uuid', (c) => c.notNull().references('branches.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('minimums', 'jsonb', (c) => c.notNull())
    .addColumn('fallback', 'jsonb', (c) => c.notNull())
    .addColumn('drafted_by', 'uuid')
    .addColumn('drafted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('approved_by', 'uuid')
    .addColumn('approved_at', 'timestamptz')
    .addUniqueConstraint('staffing_plans_version', ['branch_id', 'version'])
    .execute();
  // A substitute accepted for a day: one person stands in at one branch a day (the key decides
  // between two admins accepting the same person at once).
  await db.schema
    .createTable('staff_assignments')
    .addColumn('staff_id', 'uuid', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('branch_id', 'uuid', (c) => c.notNull().references('branches.id'))
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'uuid')
    .addColumn('accepted_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_assignments_pk', ['staff_id', 'day'])
    .execute();
  await sql`create index staff_assignments_branch on staff_assignments (branch_id, day)`.execute(db);
}
