import {
  type BranchFlag,
  type DeskItem,
  type FieldProblem,
  findDivision,
  findStreet,
  type RowProblem,
  todayInShanghai,
  toFieldProblem,
  ZONE_FILE_COLUMNS,
  ZONE_LEVEL_LABELS,
  ZONE_LEVELS,
  type ZoneChange,
  type ZoneInput,
  ZoneInput as ZoneInputSchema,
  type ZoneLevel,
} from '@shouhu/common';
import { findCommittee } from '@shouhu/common/committees';
import { distance } from 'geokdbush';
import { toColumnName } from '../../db/database.ts';
import { PLATFORM_ERRORS, validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { can } from '../../platform/access/policy.ts';
import { ROWS_PER_YIELD, yieldToEventLoop } from '../../platform/batch.ts';
import { audit, type Context, resolveOrgFilter } from '../../platform/context.ts';
import { createId } from '../../platform/ids.ts';
import { checkRow, describeRejects, isYesCell, type Table, toRowProblem } from '../../platform/table-import.ts';
import { selectAdjustmentsOn, selectBranchPlaces } from '../branches/repo.ts';
import { zoneError } from './errors.ts';
import { insertZoneRows, markZoneWithdrawn, type NewZoneRow, selectZone, selectZonesOn, updateZoneRow } from './repo.ts';

/** A branch within this distance of a sealed compound is flagged (configurable per call). */
export const DEFAULT_FLAG_RADIUS_KM = 0.5;

/** What is wrong with a zone beyond its schema: the same problem for one entered and a row imported. */
function checkZone(input: ZoneInput): FieldProblem | undefined {
  if (!findStreet(input.streetCode)) {
    const { en, zh } = PLATFORM_ERRORS['street.unknown'];
    return toFieldProblem({ field: 'streetCode', reason: 'unknown', message: en, message_zh: zh });
  }
  if (input.committeeCode && (!input.committeeCode.startsWith(input.streetCode) || !findCommittee(input.committeeCode)))
    return toFieldProblem({ field: 'committeeCode', reason: 'unknown' });
  if (!input.wholeStreet && (input.lat === undefined || input.lng === undefined))
    return toFieldProblem({
      field: 'lat',
      reason: 'required',
      message: 'A compound needs its location (or set wholeStreet)',
      message_zh: '小区须填写经纬度（整条街道封控时请标明整街）',
    });
  if (input.to && input.to < input.from) return toFieldProblem({ field: 'to', reason: 'before_start' });
  return undefined;
}

/** A checked zone as it is stored: the district from the street. */
const toZoneRow = (id: string, z: ZoneInput): NewZoneRow => ({
  id,
  name: z.name,
  districtCode: (findDivision(z.streetCode) as { districtCode: string }).districtCode,
  streetCode: z.streetCode,
  committeeCode: z.committeeCode ?? null,
  lat: z.lat ?? null,
  lng: z.lng ?? null,
  wholeStreet: z.wholeStreet ?? false,
  level: z.level,
  fromDate: z.from,
  toDate: z.to ?? null,
});

async function insertZones(ctx: Context, zones: ZoneInput[], source: string) {
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < zones.length; i += 500) {
      if (i > 0) await yieldToEventLoop();
      await insertZoneRows(
        trx,
        zones.slice(i, i + 500).map((z) => toZoneRow(createId(), z)),
      );
    }
    await audit(ctx, trx, {
      action: 'zone.published',
      recordType: 'lockdown_zone',
      summary: { source, count: zones.length, sealed: zones.filter((z) => z.level === 'sealed').length },
    });
  });
}

function assertZone(input: ZoneInput) {
  const problem = checkZone(input);
  if (problem) throw validationError([{ ...problem, field: `body.${problem.field}` }]);
}

export async function createZone(ctx: Context, input: ZoneInput) {
  await assertCan(ctx, 'zone.manage', {});
  assertZone(input);
  await insertZones(ctx, [input], 'entered');
  return { imported: 1 };
}

async function loadZone(ctx: Context, id: string) {
  await assertCan(ctx, 'zone.manage', {});
  const row = await selectZone(ctx.db, id);
  if (!row) throw zoneError('zone.not_found');
  if (row.withdrawnAt) throw zoneError('zone.withdrawn');
  const { withdrawnAt: _, ...zone } = row;
  return zone;
}

/** Corrects a zone as published (its place, level or dates), with the reason; audited. Flags follow on the next read. */
export async function changeZone(ctx: Context, id: string, input: ZoneChange) {
  const before = await loadZone(ctx, id);
  const { changeReason, ...content } = input;
  assertZone(content);
  await ctx.db.transaction().execute(async (trx) => {
    await updateZoneRow(trx, toZoneRow(id, content));
    await audit(ctx, trx, {
      action: 'zone.changed',
      recordType: 'lockdown_zone',
      recordId: id,
      summary: { reason: changeReason.trim(), before, after: content },
    });
  });
  return loadZone(ctx, id);
}

/** Withdraws a zone published in error, with the reason; audited. Its branches are no longer flagged. */
export async function withdrawZone(ctx: Context, id: string, reason: string) {
  const before = await loadZone(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await markZoneWithdrawn(trx, id, reason.trim()))) throw zoneError('zone.withdrawn');
    await audit(ctx, trx, {
      action: 'zone.withdrawn',
      recordType: 'lockdown_zone',
      recordId: id,
      summary: { reason: reason.trim(), before },
    });
  });
}

// Levels as the city's files write them (封控区…) or by code.
const LEVEL_NAMES = new Map<string, ZoneLevel>(
  ZONE_LEVELS.flatMap((level) => [[ZONE_LEVEL_LABELS[level].zh, level] as const, [level, level] as const]),
);
// Column names as the city's spreadsheets head them, or the field names (camelCase or snake_case).
const COLUMNS: Record<string, keyof ZoneInput> = Object.fromEntries([
  ...ZONE_FILE_COLUMNS.flatMap(([field, zh]) => [
    [zh, field],
    [field, field],
    [toColumnName(field), field],
  ]),
  ['小区', 'name'],
]);

/**
 * Imports the day's zones from CSV (UTF-8, or GB18030 as Excel saves it). Every bad row is reported
 * with its line number and reason; nothing is imported unless all rows are good, or `partial` asks
 * for the good ones anyway.
 */
export async function importZones(ctx: Context, table: Table, partial: boolean) {
  await assertCan(ctx, 'zone.manage', {});
  const keys = table.header.map((h) => COLUMNS[h]);
  if (!keys.includes('name') || !keys.includes('streetCode') || !keys.includes('level') || !keys.includes('from')) {
    throw zoneError('zone.import_invalid', {
      problems: [
        {
          line: 1,
          field: 'header',
          reason: 'needs name, street_code, level and from columns',
          reasonZh: '须有名称、街道代码、等级和开始日期四列',
        },
      ],
    });
  }
  const good: ZoneInput[] = [];
  const problems: RowProblem[] = [];
  for (const [index, { line, cells }] of table.rows.entries()) {
    if (index % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) await yieldToEventLoop();
    const raw: Record<string, unknown> = {};
    for (const [column, cell] of Object.entries(cells)) {
      const key = COLUMNS[column];
      if (!key || !cell) continue;
      if (key === 'lat' || key === 'lng') raw[key] = Number(cell);
      else if (key === 'wholeStreet') raw[key] = isYesCell(cell);
      else if (key === 'level') raw[key] = LEVEL_NAMES.get(cell) ?? cell;
      else raw[key] = cell;
    }
    const found = checkRow(ZoneInputSchema, line, raw);
    const problem = found ?? checkZone(raw as ZoneInput);
    if (problem) problems.push(found ?? toRowProblem(line, problem as FieldProblem));
    else good.push(raw as ZoneInput);
  }
  if (problems.length > 0 && !partial) throw zoneError('zone.import_invalid', describeRejects(table, problems));
  if (good.length > 0) await insertZones(ctx, good, 'import');
  return { imported: good.length, ...describeRejects(table, problems) };
}

export function listZones(ctx: Context, on: string) {
  return selectZonesOn(ctx.db, on);
}

/**
 * Branches inside a sealed area on a date — in a sealed street, or within `radiusKm` of a sealed
 * compound — each with the closure proposed to its institution. Nothing is closed here: the
 * institution decides, by adding the adjustment.
 */
export async function findBranchFlags(ctx: Context, on: string, radiusKm = DEFAULT_FLAG_RADIUS_KM): Promise<BranchFlag[]> {
  const orgId = resolveOrgFilter(ctx, 'branch.read');
  await assertCan(ctx, 'branch.read', { orgId: orgId ?? undefined });
  const sealed = (await listZones(ctx, on)).filter((z) => z.level === ZONE_LEVELS[0]);
  if (sealed.length === 0) return [];
  const scope = { orgIds: orgId === null ? null : [orgId] };
  const [branches, closures] = await Promise.all([
    selectBranchPlaces(ctx.db, scope),
    selectAdjustmentsOn(ctx.db, on, { closedOnly: true }),
  ]);
  const closedOn = new Set(closures.map((a) => a.branchId));
  const flags: BranchFlag[] = [];
  for (const b of branches) {
    const found = findZoneAround(sealed, b, radiusKm);
    if (!found) continue;
    const { zone: z, inStreet, distanceKm } = found;
    flags.push({
      branchId: b.id,
      orgId: b.orgId,
      branchName: b.nameZh,
      districtCode: b.districtCode,
      zoneId: z.id,
      zoneName: z.name,
      why: inStreet ? 'in_sealed_street' : 'near_sealed_compound',
      distanceKm,
      proposed: { closed: true, from: z.from > on ? z.from : on, to: z.to, reason: 'lockdown_zone' },
      alreadyClosed: closedOn.has(b.id),
    });
  }
  return flags;
}

type ZoneRow = Awaited<ReturnType<typeof listZones>>[number];

/** The first zone a place lies in: its street declared whole, or within `radiusKm` of the compound. */
export function findZoneAround(
  zones: ZoneRow[],
  place: { streetCode: string | null; lat: number | null; lng: number | null },
  radiusKm = DEFAULT_FLAG_RADIUS_KM,
): { zone: ZoneRow; inStreet: boolean; distanceKm: number | null } | undefined {
  for (const zone of zones) {
    const inStreet = zone.wholeStreet && place.streetCode !== null && zone.streetCode === place.streetCode;
    const d =
      zone.lat !== null && zone.lng !== null && place.lat !== null && place.lng !== null
        ? distance(place.lng, place.lat, zone.lng, zone.lat)
        : null;
    if (inStreet || (d !== null && d <= radiusKm)) return { zone, inStreet, distanceKm: d === null ? null : Math.round(d * 1000) / 1000 };
  }
  return undefined;
}

/** For the work desk: open branches inside a sealed area today, to the institution that runs them and to the regulator. */
export async function listFlagDesk(ctx: Context): Promise<DeskItem[]> {
  const manages = can(ctx.actor, 'branch.manage');
  if (!manages && !can(ctx.actor, 'network.view')) return [];
  const open = (await findBranchFlags(ctx, todayInShanghai())).filter((f) => !f.alreadyClosed);
  return [{ key: 'branches.flagged', count: open.length, path: manages ? '/console/branches' : '/console/network' }];
}
