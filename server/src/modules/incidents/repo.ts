import { DEFAULT_INCIDENT_DEADLINES, INCIDENT_LEVELS, type IncidentDeadline, type IncidentLevel } from '@shouhu/common';
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Db, RecordScope } from '../../db/database.ts';
import type { IncidentReportsTable, IncidentsTable } from '../../db/schema.ts';
import type { FigureQuery } from '../../platform/module.ts';
import { toInstants } from '../../platform/module.ts';

export function selectIncidents(db: Db, scope: RecordScope) {
  return db
    .selectFrom('incidents')
    .selectAll()
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .orderBy('lastFiledAt', 'desc')
    .limit(2000)
    .execute();
}
export type IncidentRow = Awaited<ReturnType<typeof selectIncidents>>[number];

export function selectIncident(db: Db, scope: RecordScope, id: string) {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('id', '=', id)
    .$if(scope.orgId !== null, (q) => q.where('orgId', '=', scope.orgId as string))
    .executeTakeFirst();
}

/** The incident, held until the transaction ends: two follow-ups at once are filed one after the other. */
export function lockIncident(db: Db, id: string) {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function selectIncidentReports(db: Db, incidentId: string) {
  return db.selectFrom('incidentReports').selectAll().where('incidentId', '=', incidentId).orderBy('filedAt').execute();
}

export async function insertIncident(db: Db, row: Insertable<IncidentsTable>) {
  await db.insertInto('incidents').values(row).execute();
}

export async function insertIncidentReport(db: Db, row: Insertable<IncidentReportsTable>) {
  await db.insertInto('incidentReports').values(row).execute();
}

export async function updateIncident(
  db: Db,
  id: string,
  row: Pick<IncidentsTable, 'title' | 'level' | 'category' | 'status' | 'branchesAffected' | 'customersAffected'> & {
    lastFiledAt: Date;
  },
) {
  await db
    .updateTable('incidents')
    .set({ ...row, reports: sql<number>`reports + 1` })
    .where('id', '=', id)
    .execute();
}

/** The hours per level: the regulator's where set, the defaults otherwise. */
export async function selectIncidentDeadlines(db: Db): Promise<IncidentDeadline[]> {
  const rows = await db.selectFrom('incidentDeadlines').select(['level', 'initialHours', 'followUpHours']).execute();
  const set = new Map(rows.map((r) => [r.level, r]));
  return INCIDENT_LEVELS.map((level) => set.get(level) ?? { level, ...DEFAULT_INCIDENT_DEADLINES[level] });
}

export async function upsertIncidentDeadline(db: Db, row: IncidentDeadline & { updatedBy: string | null }) {
  await db
    .insertInto('incidentDeadlines')
    .values({ ...row, updatedAt: new Date() })
    .onConflict((oc) =>
      oc.column('level').doUpdateSet({
        initialHours: row.initialHours,
        followUpHours: row.followUpHours,
        updatedAt: new Date(),
        updatedBy: row.updatedBy,
      }),
    )
    .execute();
}

/** Does the institution have a public-health incident open, or one learned of since `since` (an instant)? */
export async function hasPublicHealthIncidentSince(db: Db, orgId: string, since: Date): Promise<boolean> {
  const row = await db
    .selectFrom('incidents')
    .select('id')
    .where('orgId', '=', orgId)
    .where('category', '=', 'public_health')
    .where((eb) => eb.or([eb('status', '=', 'open'), eb('learnedAt', '>=', since)]))
    .executeTakeFirst();
  return row !== undefined;
}

export async function nameIncidents(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('incidents').select(['id', 'reference', 'title']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, `${r.reference} ${r.title}`]));
}

export async function loadIncidentReportPhone(db: Db, id: string, field: string) {
  if (field !== 'contactPhone') return undefined;
  const row = await db
    .selectFrom('incidentReports as r')
    .innerJoin('incidents as i', 'i.id', 'r.incidentId')
    .select(['i.orgId', 'r.contactPhoneEnc'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  return row && { orgId: row.orgId, value: row.contactPhoneEnc };
}

/** Incidents learned of in the period: how many, how many initial reports were late, and of the gravest level. */
export async function countIncidentFigures(db: Db, query: FigureQuery): Promise<Record<string, number>> {
  const { start, end } = toInstants(query);
  const row = await db
    .selectFrom('incidents')
    .select((eb) => [
      eb.fn.countAll<string>().as('reported'),
      eb.fn.count<string>('id').filterWhere('initialLate', '=', true).as('late'),
      eb.fn
        .count<string>('id')
        .filterWhere('level', 'in', ['especially_serious', 'serious'] satisfies IncidentLevel[])
        .as('grave'),
      eb.fn.coalesce(eb.fn.sum<string>('branchesAffected'), sql<string>`0`).as('branchesAffected'),
    ])
    .where('learnedAt', '>=', start)
    .where('learnedAt', '<', end)
    .$if(query.orgId !== null, (q) => q.where('orgId', '=', query.orgId as string))
    .executeTakeFirstOrThrow();
  return {
    reported: Number(row.reported),
    late: Number(row.late),
    grave: Number(row.grave),
    branchesAffected: Number(row.branchesAffected),
  };
}

/** For the demo's idempotence: has the institution reported an incident of this title? */
export async function hasIncidentTitled(db: Db, orgId: string, title: string): Promise<boolean> {
  return (
    (await db.selectFrom('incidents').select('id').where('orgId', '=', orgId).where('title', '=', title).executeTakeFirst()) !== undefined
  );
}
