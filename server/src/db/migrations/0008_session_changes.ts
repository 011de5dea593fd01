import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Every process keeps recently read sessions for a few seconds; these triggers tell them all,
  // on commit, when a session or its user changed in a way that decides access.
  await sql`
    create function announce_session_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('shouhu_sessions', '');
      return null;
    end $$`.execute(db);
  await sql`
    create trigger sessions_changed after update on sessions for each row
    when (old.revoked_at is distinct from new.revoked_at or old.mfa_passed is distinct from new.mfa_passed
      or old.expires_at is distinct from new.expires_at)
    execute function announce_session_change()`.execute(db);
  await sql`create trigger sessions_deleted after delete on sessions for each statement execute function announce_session_change()`.execute(
    db,
  );
  await sql`
    create trigger users_access_changed after update on users for each row
    when (old.disabled_at is distinct from new.disabled_at or old.must_change_password is distinct from new.must_change_password
      or old.role is distinct from new.role or old.org_id is distinct from new.org_id)
    execute function announce_session_change()`.execute(db);
}
