import { type Kysely, sql } from 'kysely';

/**
 * The dashboard's counted figures, kept per figure, Shanghai day and institution. Counting the
 * records themselves for a year reads millions of rows; summing these reads a few thousand. Each
 * counted table says, in one SQL function, which figures a row adds one to; a row trigger takes
 * the old row's ones away and adds the new row's, in the same transaction, so the counts stay
 * exact whatever writes the rows (the test and the benchmark compare them with a count).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table figure_counts (
      figure text not null,
      day date not null,
      org_id uuid not null,
      n bigint not null,
      primary key (figure, day, org_id)
    )`.execute(db);
  await sql`
    create function home_visit_figures(r home_visits) returns table (figure text, day date, org_id uuid) language sql stable as $$
      select 'home-visits.requested', (r.created_at at time zone 'Asia/Shanghai')::date, r.org_id
      union all
      select 'home-visits.served', (r.completed_at at time zone 'Asia/Shanghai')::date, r.org_id
      where r.status in ('done', 'partly_done')
    $$`.execute(db);
  await sql`
    create function video_session_figures(r video_sessions) returns table (figure text, day date, org_id uuid) language sql stable as $$
      select 'cloud-branch.joined', (r.joined_at at time zone 'Asia/Shanghai')::date, r.org_id
      union all
      select 'cloud-branch.served', (r.closed_at at time zone 'Asia/Shanghai')::date, r.org_id
      where r.status = 'served'
    $$`.execute(db);
  // A report counts on its period's date, not on the day it came.
  await sql`
    create function report_figures(r reports) returns table (figure text, day date, org_id uuid) language sql stable as $$
      select 'oversight.received', r.period, r.org_id where r.status <> 'withdrawn'
      union all
      select 'oversight.late', r.period, r.org_id where r.status <> 'withdrawn' and r.late
      union all
      select 'oversight.returned', r.period, r.org_id where r.status = 'returned'
    $$`.execute(db);

  // One trigger function per table, written from one template: static SQL keeps its plan (a
  // generic function running EXECUTE plans again on every row, four times the cost of the insert).
  // Counts are added in key order, so that two transactions touching the same counts lock them in
  // the same order.
  for (const [table, mapping, columns] of [
    ['home_visits', 'home_visit_figures', 'org_id, created_at, status, completed_at'],
    ['video_sessions', 'video_session_figures', 'org_id, joined_at, status, closed_at'],
    ['reports', 'report_figures', 'org_id, period, status, late'],
  ] as const) {
    const add = (row: 'old' | 'new', delta: number) =>
      `insert into figure_counts (figure, day, org_id, n) select figure, day, org_id, ${delta} from ${mapping}(${row}) ` +
      'where day is not null order by 1, 2, 3 on conflict (figure, day, org_id) do update set n = figure_counts.n + excluded.n;';
    await sql
      .raw(
        `create function count_${table}() returns trigger language plpgsql as $$ begin ` +
          `if tg_op <> 'INSERT' then ${add('old', -1)} end if; ` +
          `if tg_op <> 'DELETE' then ${add('new', 1)} end if; ` +
          'return null; end $$',
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_counted after insert or update of ${columns} or delete on ${table} ` +
          `for each row execute function count_${table}()`,
      )
      .execute(db);
    await sql.raw(recountFigures(table, mapping)).execute(db);
  }
}

/** Counts a table's figures again from its rows: the migration's start, and the benchmark's after a bulk load. */
export function recountFigures(table: string, mapping: string): string {
  return (
    `insert into figure_counts (figure, day, org_id, n) ` +
    `select figure, day, org_id, count(*) from (select (${mapping}(t)).* from ${table} t) f where day is not null ` +
    `group by figure, day, org_id on conflict (figure, day, org_id) do update set n = excluded.n`
  );
}
