import { addDays } from '@shouhu/common';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { FigureQuery, ModuleManifest } from './module.ts';

type Figures = NonNullable<ModuleManifest['figures']>;

/** A capability's figures for a period. */
export function readFigures(db: Db, name: string, figures: Figures, query: FigureQuery): Promise<Record<string, number>> {
  return figures.count ? figures.count(db, query) : sumFigureCounts(db, name, figures.keys, query);
}

/** A capability's figures day by day: one number per day of the period for each key. */
export async function readTrend(db: Db, name: string, figures: Figures, query: FigureQuery): Promise<Record<string, number[]>> {
  if (!figures.count) return trendFigureCounts(db, name, figures.keys, query);
  const trend = Object.fromEntries(figures.keys.map((k) => [k, [] as number[]]));
  for (const day of listDays(query)) {
    const values = await figures.count(db, { from: day, to: day, orgId: query.orgId });
    for (const k of figures.keys) trend[k]?.push(values[k] ?? 0);
  }
  return trend;
}

/** A capability's figures for a period, for each of some institutions. */
export async function readFiguresByOrg(
  db: Db,
  name: string,
  figures: Figures,
  query: { from: string; to: string },
  orgIds: readonly string[],
): Promise<Map<string, Record<string, number>>> {
  const count = figures.count;
  if (count) {
    const byOrg = new Map<string, Record<string, number>>();
    for (const orgId of orgIds) byOrg.set(orgId, await count(db, { ...query, orgId }));
    return byOrg;
  }
  const rows = await selectCounts(db, name, figures.keys, { ...query, orgId: null })
    .select(['figure', 'orgId', sql<number>`sum(n)::int8`.as('n')])
    .groupBy(['figure', 'orgId'])
    .execute();
  const byOrg = new Map(orgIds.map((id) => [id, Object.fromEntries(figures.keys.map((k) => [k, 0]))]));
  for (const r of rows) {
    const sums = byOrg.get(r.orgId);
    if (sums) sums[r.figure.slice(name.length + 1)] = Number(r.n);
  }
  return byOrg;
}

/**
 * A capability's counted figures for a period: sums of the per-day counts its table's trigger
 * keeps (migration 0016), so that a year over ten million records is a few thousand rows.
 */
export async function sumFigureCounts(db: Db, capability: string, keys: readonly string[], query: FigureQuery) {
  const rows = await selectCounts(db, capability, keys, query)
    .select(['figure', sql<number>`sum(n)::int8`.as('n')])
    .groupBy('figure')
    .execute();
  const sums = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const r of rows) sums[r.figure.slice(capability.length + 1)] = Number(r.n);
  return sums;
}

/** The same figures day by day, one number per day of the period. */
export async function trendFigureCounts(db: Db, capability: string, keys: readonly string[], query: FigureQuery) {
  const rows = await selectCounts(db, capability, keys, query)
    .select(['figure', sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), sql<number>`sum(n)::int8`.as('n')])
    .groupBy(['figure', 'day'])
    .execute();
  const days = listDays(query);
  const index = new Map(days.map((d, i) => [d, i]));
  const trend = Object.fromEntries(keys.map((k) => [k, days.map(() => 0)]));
  for (const r of rows) {
    const series = trend[r.figure.slice(capability.length + 1)];
    const at = index.get(r.day);
    if (series && at !== undefined) series[at] = Number(r.n);
  }
  return trend;
}

/** Every date of a period, both ends included. */
export function listDays(query: { from: string; to: string }): string[] {
  const days: string[] = [];
  for (let d = query.from; d <= query.to; d = addDays(d, 1)) days.push(d);
  return days;
}

function selectCounts(db: Db, capability: string, keys: readonly string[], query: FigureQuery) {
  return db
    .selectFrom('figureCounts')
    .where(
      'figure',
      'in',
      keys.map((k) => `${capability}.${k}`),
    )
    .where('day', '>=', query.from)
    .where('day', '<=', query.to)
    .$if(query.orgId !== null, (q) => q.where('orgId', '=', query.orgId as string));
}
