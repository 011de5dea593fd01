import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The association's notice (通告): one open draft per association, then numbered, immutable versions.
  await db.schema
    .createTable('notices')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('association_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('version', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published')`))
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('entries', 'jsonb', (c) => c.notNull())
    .addColumn('changes', 'jsonb', (c) => c.notNull())
    .addColumn('compiled_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz')
    .addUniqueConstraint('notices_version', ['association_id', 'version'])
    .execute();
  await sql`create unique index notices_one_draft on notices (association_id) where status = 'draft'`.execute(db);
  await sql`
    create function notices_immutable() returns trigger language plpgsql as $$
    begin
      if old.status = 'published' then
        raise exception 'published notices are immutable';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`create trigger notices_immutable before update or delete on notices for each row execute function notices_immutable()`.execute(
    db,
  );
}
