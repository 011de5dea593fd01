import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Consumer complaints (C15): who complains (name, mobile, resident ID encrypted; the mobile also
  // as a keyed hash for the tracker), against which institution, the claim, facts and grounds
  // (encrypted: people write their circumstances), and the decision's clock as its events, from
  // which the due time is computed; `due_at` keeps the last computed one for the overdue lists.
  await db.schema
    .createTable('complaints')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('mobile_enc', 'text', (c) => c.notNull())
    .addColumn('mobile_hash', 'text', (c) => c.notNull())
    .addColumn('resident_id_enc', 'text')
    .addColumn('representatives_enc', 'text')
    .addColumn('people', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('staff_named_enc', 'text')
    .addColumn('unit_named', 'text')
    .addColumn('claim_enc', 'text', (c) => c.notNull())
    .addColumn('facts_enc', 'text', (c) => c.notNull())
    .addColumn('grounds_enc', 'text')
    .addColumn('clock', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('decision_enc', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('raised_by_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index complaints_org_status on complaints (org_id, status, due_at)`.execute(db);
  await sql`create index complaints_mobile on complaints (mobile_hash)`.execute(db);
}
