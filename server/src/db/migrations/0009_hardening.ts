import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Second-factor failures count on their own: a right password no longer forgives them.
  await sql`alter table users add column mfa_failed_attempts integer not null default 0`.execute(db);

  // The compound is part of the address: encrypted like it (existing rows are encrypted at start,
  // where the keys are: see encryptPlainCompounds).
  await sql`alter table home_visits add column compound_enc text`.execute(db);
  await sql`alter table home_visits alter column compound drop not null`.execute(db);

  // Deletes only of events past the shortest retention the law allows (184 days), whoever asks;
  // TRUNCATE never (row triggers do not see it).
  await sql`
    create or replace function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('shouhu.audit_purge', true) = 'on'
        and old.occurred_at < now() - interval '184 days' then
        return old;
      end if;
      raise exception 'audit_events is append-only';
    end $$`.execute(db);
  await sql`
    create function audit_no_truncate() returns trigger language plpgsql as $$
    begin
      raise exception '% cannot be truncated', tg_table_name;
    end $$`.execute(db);
  for (const table of ['audit_events', 'audit_heads', 'audit_anchor']) {
    await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function audit_no_truncate()`.execute(db);
  }
  // A chain's anchor (where a purge left it) is signed: moving it to hide the first events shows.
  await sql`alter table audit_anchor add column mac text`.execute(db);
  // Signed checkpoints of every chain's head, also written outside the database (see checkpoints.ts).
  await sql`
    create table audit_checkpoints (
      id uuid primary key,
      taken_at timestamptz not null default now(),
      heads jsonb not null,
      mac text not null
    )`.execute(db);
  await sql`create trigger audit_checkpoints_append_only before update or delete on audit_checkpoints
    for each row execute function audit_events_append_only()`.execute(db);
  await sql`create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
    for each statement execute function audit_no_truncate()`.execute(db);
}
