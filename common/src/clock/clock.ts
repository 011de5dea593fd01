import type { Calendar } from '../hours/calendar.ts';
import { addDays, fromLocal, toLocal } from '../hours/open-now.ts';

/**
 * How a case's deadline is counted: in calendar days or working days (whole Shanghai dates after
 * the day it starts, ending at the midnight after the last one), or in hours.
 */
export type ClockUnit = 'calendar_days' | 'working_days' | 'hours';
export const CLOCK_UNITS = ['calendar_days', 'working_days', 'hours'] as const satisfies readonly ClockUnit[];

export interface ClockRule {
  unit: ClockUnit;
  /** The limits in force one after the other: [15, 30, 60] is 15 days, extended to 30, then to 60. */
  ladder: readonly number[];
}

/** What happened to a case's clock, in the order it happened. */
export type ClockEvent =
  | { type: 'start'; at: Date }
  | { type: 'pause'; at: Date; reason: string }
  | { type: 'resume'; at: Date }
  /** New facts: counting begins again from here, at the limit in force. */
  | { type: 'restart'; at: Date; reason: string }
  /** The next step of the ladder, approved by someone for a reason. */
  | { type: 'extend'; at: Date; approvedBy: string; reason: string }
  /** Decided, withdrawn or closed: the clock stops for good. */
  | { type: 'stop'; at: Date };

export type ClockProblemCode =
  | 'clock.not_started'
  | 'clock.already_paused'
  | 'clock.not_paused'
  | 'clock.stopped'
  | 'clock.no_extension'
  | 'clock.out_of_order';

/** A clock's problems in both languages, for the server's answers and the console. */
export const CLOCK_PROBLEMS: Record<ClockProblemCode, { en: string; zh: string }> = {
  'clock.not_started': { en: 'The case clock has not started', zh: '时限尚未开始计算' },
  'clock.already_paused': { en: 'The case clock is already paused', zh: '时限已处于中止状态' },
  'clock.not_paused': { en: 'The case clock is not paused, so it cannot be resumed', zh: '时限未中止，无法恢复计算' },
  'clock.stopped': { en: 'The case clock has stopped: the case is closed', zh: '时限已终止，案件已办结' },
  'clock.no_extension': { en: 'No further extension is allowed for this case', zh: '已达最长期限，不能再延长' },
  'clock.out_of_order': { en: 'A clock event cannot come before the one already recorded', zh: '时限事件的时间早于已记录的事件' },
};

export class ClockProblem extends Error {
  override name = 'ClockProblem';
  readonly code: ClockProblemCode;
  constructor(code: ClockProblemCode) {
    super(CLOCK_PROBLEMS[code].en);
    this.code = code;
  }
}

export interface ClockState {
  /** When the case falls due; null while paused (it moves by the pause) or before it starts. */
  dueAt: Date | null;
  /** The limit in force and how far up the ladder it is (0 = not extended). */
  limit: number;
  step: number;
  status: 'not_started' | 'running' | 'paused' | 'stopped';
  /** Units left (days or hours, fractional for hours); negative once overdue. */
  remaining: number;
  /** Past due while running, or stopped after the due time. */
  breached: boolean;
  stoppedAt: Date | null;
}

/** Checks that `event` may follow `events`, and answers the list with it; throws a ClockProblem otherwise. */
export function appendClockEvent(rule: ClockRule, events: readonly ClockEvent[], event: ClockEvent): ClockEvent[] {
  const last = events.at(-1);
  if (last && event.at.getTime() < last.at.getTime()) throw new ClockProblem('clock.out_of_order');
  const state = replay(rule, events);
  if (event.type === 'start') {
    if (state.started) throw new ClockProblem('clock.out_of_order');
  } else {
    if (!state.started) throw new ClockProblem('clock.not_started');
    if (state.stopped) throw new ClockProblem('clock.stopped');
    if (event.type === 'pause' && state.pausedSince) throw new ClockProblem('clock.already_paused');
    if (event.type === 'resume' && !state.pausedSince) throw new ClockProblem('clock.not_paused');
    if (event.type === 'extend' && state.step + 1 >= rule.ladder.length) throw new ClockProblem('clock.no_extension');
  }
  return [...events, event];
}

interface Replayed {
  started: boolean;
  stopped: Date | null;
  pausedSince: Date | null;
  step: number;
  /** Where counting (re)began, and the pauses since, as [from, to) instants (to = null: still paused). */
  origin: Date | null;
  pauses: [Date, Date | null][];
}

function replay(rule: ClockRule, events: readonly ClockEvent[]): Replayed {
  const r: Replayed = { started: false, stopped: null, pausedSince: null, step: 0, origin: null, pauses: [] };
  for (const e of events) {
    switch (e.type) {
      case 'start':
        r.started = true;
        r.origin = e.at;
        break;
      case 'pause':
        r.pausedSince = e.at;
        r.pauses.push([e.at, null]);
        break;
      case 'resume': {
        const open = r.pauses.at(-1);
        if (open) open[1] = e.at;
        r.pausedSince = null;
        break;
      }
      case 'restart':
        r.origin = e.at;
        r.pauses = r.pausedSince ? [[e.at, null]] : [];
        break;
      case 'extend':
        r.step = Math.min(r.step + 1, rule.ladder.length - 1);
        break;
      case 'stop':
        r.stopped = e.at;
        break;
    }
  }
  return r;
}

/** The Shanghai dates a pause touches, both ends: none of them is counted. */
function pausedDates(pauses: readonly [Date, Date | null][], until: string): Set<string> {
  const dates = new Set<string>();
  for (const [from, to] of pauses) {
    const last = to ? toLocal(to).date : until;
    for (let d = toLocal(from).date; d <= last; d = addDays(d, 1)) dates.add(d);
  }
  return dates;
}

const HOUR = 3_600_000;

/**
 * A case's due time, time left and breach, computed from its events alone, so a corrected
 * calendar recomputes every case. Day clocks count whole dates after the day counting begins
 * (the first day is not counted, as Chinese rules count periods); a date a pause touches is not
 * counted; a working-day clock counts working days and make-up working days only.
 */
export function computeClock(rule: ClockRule, events: readonly ClockEvent[], calendar: Calendar, now: Date): ClockState {
  const r = replay(rule, events);
  const limit = rule.ladder[r.step] ?? rule.ladder[0] ?? 0;
  const base = { limit, step: r.step, stoppedAt: r.stopped };
  if (!r.started || !r.origin) return { ...base, dueAt: null, status: 'not_started', remaining: limit, breached: false };
  const status = r.stopped ? 'stopped' : r.pausedSince ? 'paused' : 'running';
  const at = r.stopped ?? now;

  if (rule.unit === 'hours') {
    const paused = r.pauses.reduce((ms, [from, to]) => ms + ((to ?? at).getTime() - from.getTime()), 0);
    const used = (at.getTime() - r.origin.getTime() - paused) / HOUR;
    const dueAt = r.pausedSince && !r.stopped ? null : new Date(r.origin.getTime() + limit * HOUR + paused);
    return { ...base, dueAt, status, remaining: limit - used, breached: used > limit };
  }

  const counts = (date: string) => {
    if (rule.unit === 'calendar_days') return true;
    const kind = calendar.dayOf(date).kind;
    return kind === 'workday' || kind === 'makeup';
  };
  const today = toLocal(at).date;
  // An open pause reaches to today; the days after it are counted as if it ended today, for the count only.
  const skip = pausedDates(r.pauses, today);
  let date = toLocal(r.origin).date;
  let counted = 0;
  let usedByToday = 0;
  // The dates already behind `at` (today excluded: it is used up only at its end).
  for (let guard = 0; guard < 20_000 && counted < limit; guard++) {
    date = addDays(date, 1);
    if (skip.has(date) || !counts(date)) continue;
    counted += 1;
    if (date < today) usedByToday += 1;
  }
  const dueAt = r.pausedSince && !r.stopped ? null : fromLocal(addDays(date, 1), 0);
  const overdue = dueAt !== null && at.getTime() > dueAt.getTime();
  // Past due: count how many counted days lie between the due date and today, as a negative remainder.
  let remaining = limit - usedByToday;
  if (overdue && dueAt) {
    let late = 0;
    for (let d = toLocal(dueAt).date; d < today; d = addDays(d, 1)) if (!skip.has(d) && counts(d)) late += 1;
    remaining = -late;
  }
  return { ...base, dueAt, status, remaining, breached: overdue };
}
