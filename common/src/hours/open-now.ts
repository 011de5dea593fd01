import { type Calendar, weekdayOf } from './calendar.ts';

/** "HH:MM", 24-hour. An interval whose close is not after its open runs past midnight. */
export interface Interval {
  open: string;
  close: string;
}

/** Weekly hours by ISO weekday (1 Monday … 7 Sunday), and the hours on public holidays. */
export interface WeeklyHours {
  days: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, Interval[]>>;
  /** Hours on a public holiday; none means closed. */
  holiday?: Interval[];
}

/** A dated change: closed, or other hours, from one date to another (both included). */
export interface HoursAdjustment {
  from: string;
  to: string;
  closed: boolean;
  hours?: Interval[];
  note?: string;
}

export interface Schedule {
  weekly: WeeklyHours;
  adjustments?: HoursAdjustment[];
}

export type HoursReason = 'regular' | 'adjusted' | 'holiday' | 'makeup' | 'closed';

export interface DayHours {
  date: string;
  intervals: Interval[];
  reason: HoursReason;
  note?: string;
}

export interface HoursOptions {
  calendar: Calendar;
  /** The business time zone; Shanghai by default. */
  timeZone?: string;
}

const MINUTES_PER_DAY = 24 * 60;
const SHANGHAI_FIXED_SINCE = Date.UTC(1992, 0, 1);
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date and minute of the day of an instant in a time zone. */
export function toLocal(instant: Date, timeZone = 'Asia/Shanghai'): { date: string; minute: number } {
  // Shanghai has kept UTC+8 without daylight saving since 1992: plain arithmetic, no Intl.
  if (timeZone === 'Asia/Shanghai' && instant.getTime() >= SHANGHAI_FIXED_SINCE) {
    const local = new Date(instant.getTime() + 8 * 3_600_000);
    return { date: local.toISOString().slice(0, 10), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
  }
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minute: Number(p.hour) * 60 + Number(p.minute) };
}

/** The instant at which a local date and minute occur in the time zone. */
export function fromLocal(date: string, minute: number, timeZone = 'Asia/Shanghai'): Date {
  const guess = new Date(`${date}T00:00:00Z`).getTime() + minute * 60_000;
  // Correct by the zone's offset at that moment (twice, in case the offset changes in between).
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const local = toLocal(new Date(t), timeZone);
    const seen = new Date(`${local.date}T00:00:00Z`).getTime() + local.minute * 60_000;
    t += guess - seen;
  }
  return new Date(t);
}

export function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

const toMinute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Interval as minutes from the start of the day it opens on; an overnight one ends after 24:00. */
function span(interval: Interval): [number, number] {
  const open = toMinute(interval.open);
  let close = toMinute(interval.close);
  if (close <= open) close += MINUTES_PER_DAY;
  return [open, close];
}

/**
 * The hours that begin on a date: an adjustment wins; then a public holiday (holiday hours); a
 * make-up working day (调休) keeps Monday's hours, as the ordinary working day it stands for; else
 * the weekday's hours.
 */
export function hoursOn(schedule: Schedule, date: string, options: HoursOptions): DayHours {
  const adjustment = schedule.adjustments?.find((a) => a.from <= date && date <= a.to);
  if (adjustment) {
    const intervals = adjustment.closed ? [] : (adjustment.hours ?? []);
    return { date, intervals, reason: intervals.length ? 'adjusted' : 'closed', note: adjustment.note };
  }
  const day = options.calendar.dayOf(date);
  if (day.kind === 'holiday') {
    const intervals = schedule.weekly.holiday ?? [];
    return { date, intervals, reason: intervals.length ? 'holiday' : 'closed', note: day.name };
  }
  if (day.kind === 'makeup') {
    const intervals = schedule.weekly.days[1] ?? [];
    return { date, intervals, reason: intervals.length ? 'makeup' : 'closed', note: day.name };
  }
  const intervals = schedule.weekly.days[weekdayOf(date) as 1] ?? [];
  return { date, intervals, reason: intervals.length ? 'regular' : 'closed' };
}

/**
 * The minutes of a local date during which the branch is open, as [from, to) pairs in one flat
 * list: the intervals that begin that day (cut at midnight) and the part of the day before's
 * overnight intervals that runs past midnight. Depends on the date only, so callers that ask
 * about many instants of one day (the finder) compute it once per branch and day.
 */
export function openMinutesOn(schedule: Schedule, date: string, options: HoursOptions): number[] {
  const minutes: number[] = [];
  for (const i of hoursOn(schedule, addDays(date, -1), options).intervals) {
    const [, close] = span(i);
    if (close > MINUTES_PER_DAY) minutes.push(0, close - MINUTES_PER_DAY);
  }
  for (const i of hoursOn(schedule, date, options).intervals) {
    const [open, close] = span(i);
    minutes.push(open, Math.min(close, MINUTES_PER_DAY));
  }
  return minutes;
}

/** Whether a minute of the day falls in one of openMinutesOn's ranges. */
export function isOpenMinute(openMinutes: readonly number[], minute: number): boolean {
  for (let k = 0; k < openMinutes.length; k += 2) {
    if (minute >= (openMinutes[k] as number) && minute < (openMinutes[k + 1] as number)) return true;
  }
  return false;
}

/** Open at this instant: within an interval that began today, or one that began yesterday and runs past midnight. */
export function isOpenAt(schedule: Schedule, instant: Date, options: HoursOptions): boolean {
  const { date, minute } = toLocal(instant, options.timeZone);
  return isOpenMinute(openMinutesOn(schedule, date, options), minute);
}

/** Today's hours in the business time zone. */
export function todayHours(schedule: Schedule, instant: Date, options: HoursOptions): DayHours {
  return hoursOn(schedule, toLocal(instant, options.timeZone).date, options);
}

/**
 * The next instant at which the branch opens, strictly after `instant` unless it is open already
 * (then null: it is open now). Looks `horizonDays` ahead; null when it does not open by then.
 */
export function findNextOpening(schedule: Schedule, instant: Date, options: HoursOptions, horizonDays = 60): Date | null {
  if (isOpenAt(schedule, instant, options)) return null;
  const { date, minute } = toLocal(instant, options.timeZone);
  for (let d = 0; d <= horizonDays; d++) {
    const day = addDays(date, d);
    const opens = hoursOn(schedule, day, options)
      .intervals.map((i) => span(i)[0])
      .filter((open) => d > 0 || open > minute)
      .sort((a, b) => a - b);
    if (opens.length > 0) return fromLocal(day, opens[0] as number, options.timeZone);
  }
  return null;
}

/** An instant as Shanghai's local "YYYY-MM-DD HH:MM", for people (whatever the device's clock). */
export function formatShanghaiTime(iso: string | Date, options: { seconds?: boolean } = {}): string {
  const instant = new Date(iso);
  const { date, minute } = toLocal(instant);
  const text = `${date} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  // Offsets are whole minutes: the seconds are the instant's own.
  return options.seconds ? `${text}:${String(instant.getUTCSeconds()).padStart(2, '0')}` : text;
}

/** An instant as the value of a datetime-local input in Shanghai time ("YYYY-MM-DDTHH:MM"), whatever the device's zone. */
export const toShanghaiInput = (instant: Date | string): string => formatShanghaiTime(instant).replace(' ', 'T');

/** A datetime-local input's "YYYY-MM-DDTHH:MM", read as Shanghai time, as an ISO instant. */
export function fromShanghaiInput(value: string): string {
  const [date = '', time = '00:00'] = value.split('T');
  const [h = 0, m = 0] = time.split(':').map(Number);
  return fromLocal(date, h * 60 + m).toISOString();
}

/** Today's date in the business time zone. */
export function todayInShanghai(now: Date = new Date()): string {
  return toLocal(now).date;
}

/** 2022-04-03 → 2022年4月3日, as a Chinese document dates its signature (落款). */
export const formatChineseDate = (date: string) => `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
