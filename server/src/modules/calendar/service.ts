import {
  addDays,
  type Calendar,
  createCalendar,
  type DeskItem,
  type HolidayOverride,
  type NoticeDay,
  parseHolidayNotice,
  todayInShanghai,
} from '@shouhu/common';
import type { Db } from '../../db/database.ts';
import { validationError } from '../../errors.ts';
import { assertCan } from '../../platform/access/hooks.ts';
import { can } from '../../platform/access/policy.ts';
import { audit, type Context } from '../../platform/context.ts';
import { announceBranchChange } from '../branches/finder.ts';
import { deleteHolidayOverride, selectHolidayOverrides, upsertHolidayOverride } from './repo.ts';

export function listHolidayOverrides(db: Db): Promise<HolidayOverride[]> {
  return selectHolidayOverrides(db);
}

/** The packaged calendar with the entered overrides on top: what open-now, the finder and every case clock count with. */
export async function loadCalendar(db: Db): Promise<Calendar> {
  const overrides = await selectHolidayOverrides(db);
  return createCalendar(Object.fromEntries(overrides.map((o) => [o.date, { kind: o.kind, name: o.name ?? undefined }])));
}

/** A year the calendar does not know that begins within this many days: the regulator is told to enter it. */
export const YEAR_WARNING_DAYS = 60;

/** The years that start within the warning period (or have started) whose holidays nobody has entered. */
export function listMissingYears(calendar: Calendar, today: string): number[] {
  const years = new Set([Number(today.slice(0, 4)), Number(addDays(today, YEAR_WARNING_DAYS).slice(0, 4))]);
  return [...years].filter((y) => !calendar.knowsYear(y));
}

export async function setHolidayOverride(ctx: Context, row: HolidayOverride, changeReason?: string) {
  await assertCan(ctx, 'calendar.manage', {});
  // Replacing a date's setting corrects something published: it needs the reason.
  const before = (await selectHolidayOverrides(ctx.db)).find((o) => o.date === row.date);
  if (before && !changeReason) throw validationError([{ field: 'body.changeReason', reason: 'required' }]);
  await ctx.db.transaction().execute(async (trx) => {
    await upsertHolidayOverride(trx, row);
    await audit(ctx, trx, {
      action: 'calendar.overridden',
      recordType: 'date',
      recordId: row.date,
      summary: { before: before ?? null, after: row, ...(changeReason ? { reason: changeReason.trim() } : {}) },
    });
    await announceBranchChange(trx, 'calendar');
  });
  return row;
}

export async function removeHolidayOverride(ctx: Context, date: string, reason: string) {
  await assertCan(ctx, 'calendar.manage', {});
  await ctx.db.transaction().execute(async (trx) => {
    await deleteHolidayOverride(trx, date);
    await audit(ctx, trx, { action: 'calendar.override_removed', recordType: 'date', recordId: date, summary: { reason: reason.trim() } });
    await announceBranchChange(trx, 'calendar');
  });
}

/**
 * A whole year from the State Council's notice (pasted as published, or listed day by day), in
 * one transaction: the dates it names become holidays or make-up working days, a date of that
 * year entered before and no longer named is removed, and the trail records the year as one change.
 */
export async function enterHolidayYear(ctx: Context, year: number, input: { text?: string; days?: NoticeDay[] }) {
  await assertCan(ctx, 'calendar.manage', {});
  const days = input.days ?? parseHolidayNotice(year, input.text ?? '');
  if (days.length === 0) throw validationError([{ field: input.days ? 'body.days' : 'body.text', reason: 'required' }]);
  const outside = days.findIndex((d) => Math.abs(Number(d.date.slice(0, 4)) - year) > 1);
  if (outside >= 0) throw validationError([{ field: `body.days.${outside}.date`, reason: 'format' }]);
  if (!days.some((d) => d.kind === 'holiday')) throw validationError([{ field: input.days ? 'body.days' : 'body.text', reason: 'format' }]);
  const before = (await selectHolidayOverrides(ctx.db)).filter((o) => o.date.startsWith(`${year}-`));
  const named = new Set(days.map((d) => d.date));
  await ctx.db.transaction().execute(async (trx) => {
    for (const old of before) if (!named.has(old.date)) await deleteHolidayOverride(trx, old.date);
    for (const day of days) await upsertHolidayOverride(trx, { date: day.date, kind: day.kind, name: day.name || null });
    await audit(ctx, trx, {
      action: 'calendar.year_entered',
      recordType: 'calendar_year',
      recordId: String(year),
      summary: { before, after: days },
    });
    await announceBranchChange(trx, 'calendar');
  });
  return days;
}

/** On the desk of those who keep the calendar: a year about to start (or started) without its holidays. */
export async function listCalendarDesk(ctx: Context): Promise<DeskItem[]> {
  if (!can(ctx.actor, 'calendar.manage')) return [];
  const missing = listMissingYears(await loadCalendar(ctx.db), todayInShanghai());
  return missing.length > 0 ? [{ key: 'calendar.yearMissing', count: missing.length, path: '/console/calendar' }] : [];
}
