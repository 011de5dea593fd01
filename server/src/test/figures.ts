import { addDays } from '@shouhu/common';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * The counted figures made again the slow way, by counting the records: what the triggers' counts
 * must equal (the test), and the way the figures were read before them (the benchmark's baseline).
 */
export async function countFiguresExactly(db: Db, from: string, to: string, orgId: string | null = null) {
  const start = sql`(${from}::date)::timestamp at time zone 'Asia/Shanghai'`;
  const end = sql`(${addDays(to, 1)}::date)::timestamp at time zone 'Asia/Shanghai'`;
  const org = orgId === null ? sql`true` : sql`org_id = ${orgId}`;
  const [visits, sessions, reports] = await Promise.all([
    sql<{ requested: number; served: number }>`select count(*) filter (where created_at >= ${start} and created_at < ${end}) as requested,
      count(*) filter (where status in ('done', 'partly_done') and completed_at >= ${start} and completed_at < ${end}) as served
      from home_visits where ${org}`.execute(db),
    sql<{ joined: number; served: number }>`select count(*) filter (where joined_at >= ${start} and joined_at < ${end}) as joined,
      count(*) filter (where status = 'served' and closed_at >= ${start} and closed_at < ${end}) as served
      from video_sessions where ${org}`.execute(db),
    sql<{ received: number; late: number; returned: number }>`select count(*) filter (where status <> 'withdrawn') as received,
      count(*) filter (where status <> 'withdrawn' and late) as late, count(*) filter (where status = 'returned') as returned
      from reports where ${org} and period between ${from} and ${to}`.execute(db),
  ]);
  const numbers = (row: object | undefined) => Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
  return {
    'home-visits': numbers(visits.rows[0]),
    'cloud-branch': numbers(sessions.rows[0]),
    oversight: numbers(reports.rows[0]),
  };
}
