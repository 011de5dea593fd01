import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../hours/calendar.ts';
import { fromLocal, toLocal } from '../hours/open-now.ts';
import { appendClockEvent, type ClockEvent, ClockProblem, type ClockRule, computeClock } from './clock.ts';

const calendar = createCalendar();
const at = (local: string) => fromLocal(local.slice(0, 10), Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16)));
const start = (local: string): ClockEvent[] => [{ type: 'start', at: at(local) }];
const later = at('2030-01-01 00:00');
const days = (unit: ClockRule['unit'], ...ladder: number[]): ClockRule => ({ unit, ladder });

describe('case clocks, counted by hand', () => {
  it('15 calendar days from 1 February 2024: the day of receipt is not counted, due at the end of the 16th', () => {
    const s = computeClock(days('calendar_days', 15, 30, 60), start('2024-02-01 10:30'), calendar, at('2024-02-05 09:00'));
    expect(s.dueAt?.toISOString()).toBe(at('2024-02-17 00:00').toISOString());
    expect(s.remaining).toBe(12);
    expect(s.breached).toBe(false);
  });

  it('7 working days across the 2024 Spring Festival, counting the make-up Sunday of 18 February', () => {
    // Thu 8, Fri 9, (10–17 off), Sun 18 (make-up), Mon 19 … Thu 22.
    const s = computeClock(days('working_days', 7), start('2024-02-07 15:00'), calendar, at('2024-02-08 09:00'));
    expect(s.dueAt?.toISOString()).toBe(at('2024-02-23 00:00').toISOString());
  });

  it('5 working days across National Day 2024, counting the make-up Sunday of 29 September', () => {
    // Sun 29 Sep (make-up), Mon 30, (1–7 Oct off), Tue 8, Wed 9, Thu 10.
    const s = computeClock(days('working_days', 5), start('2024-09-27 11:00'), calendar, at('2024-09-28 09:00'));
    expect(s.dueAt?.toISOString()).toBe(at('2024-10-11 00:00').toISOString());
  });

  it('a make-up working day counts: one working day from Friday 2 February 2024 ends with Sunday the 4th', () => {
    const s = computeClock(days('working_days', 1), start('2024-02-02 16:00'), calendar, later);
    expect(s.dueAt?.toISOString()).toBe(at('2024-02-05 00:00').toISOString());
  });

  it('a pause for appraisal leaves its days uncounted, and the extension ladder moves the limit', () => {
    const rule = days('calendar_days', 15, 30, 60);
    let events = start('2024-03-01 09:00');
    events = appendClockEvent(rule, events, { type: 'pause', at: at('2024-03-05 10:00'), reason: 'appraisal' });
    expect(computeClock(rule, events, calendar, at('2024-03-06 10:00'))).toMatchObject({ status: 'paused', dueAt: null });
    events = appendClockEvent(rule, events, { type: 'resume', at: at('2024-03-07 10:00') });
    // 5, 6 and 7 March are not counted: 2–4 and 8–19 March make the 15.
    expect(computeClock(rule, events, calendar, at('2024-03-08 09:00')).dueAt?.toISOString()).toBe(at('2024-03-20 00:00').toISOString());
    events = appendClockEvent(rule, events, { type: 'extend', at: at('2024-03-10 09:00'), approvedBy: 'u1', reason: 'complex' });
    const extended = computeClock(rule, events, calendar, at('2024-03-10 10:00'));
    expect(extended).toMatchObject({ limit: 30, step: 1 });
    expect(extended.dueAt?.toISOString()).toBe(at('2024-04-04 00:00').toISOString());
  });

  it('hours: 24 hours, paused for two, due two hours later; breached when stopped after it', () => {
    const rule = days('hours', 24);
    let events = start('2024-05-01 08:00');
    events = appendClockEvent(rule, events, { type: 'pause', at: at('2024-05-01 10:00'), reason: 'mediation' });
    events = appendClockEvent(rule, events, { type: 'resume', at: at('2024-05-01 12:00') });
    expect(computeClock(rule, events, calendar, at('2024-05-01 13:00')).dueAt?.toISOString()).toBe(at('2024-05-02 10:00').toISOString());
    const stopped = appendClockEvent(rule, events, { type: 'stop', at: at('2024-05-02 11:00') });
    expect(computeClock(rule, stopped, calendar, later)).toMatchObject({ status: 'stopped', breached: true });
  });

  it('new facts restart the count from the day they arrive', () => {
    const rule = days('calendar_days', 15);
    const events = appendClockEvent(rule, start('2024-06-01 09:00'), { type: 'restart', at: at('2024-06-10 09:00'), reason: 'new facts' });
    expect(computeClock(rule, events, calendar, at('2024-06-11 09:00')).dueAt?.toISOString()).toBe(at('2024-06-26 00:00').toISOString());
  });

  it('refuses a pause twice, a resume when not paused, an extension past the ladder and anything after the stop', () => {
    const rule = days('calendar_days', 15, 30);
    const paused = appendClockEvent(rule, start('2024-06-01 09:00'), { type: 'pause', at: at('2024-06-02 09:00'), reason: 'a' });
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof ClockProblem ? err.code : String(err);
      }
      return 'accepted';
    };
    expect(code(() => appendClockEvent(rule, paused, { type: 'pause', at: at('2024-06-03 09:00'), reason: 'b' }))).toBe(
      'clock.already_paused',
    );
    expect(code(() => appendClockEvent(rule, start('2024-06-01 09:00'), { type: 'resume', at: at('2024-06-03 09:00') }))).toBe(
      'clock.not_paused',
    );
    const extended = appendClockEvent(rule, start('2024-06-01 09:00'), {
      type: 'extend',
      at: at('2024-06-03 09:00'),
      approvedBy: 'u',
      reason: 'r',
    });
    expect(code(() => appendClockEvent(rule, extended, { type: 'extend', at: at('2024-06-04 09:00'), approvedBy: 'u', reason: 'r' }))).toBe(
      'clock.no_extension',
    );
    const stopped = appendClockEvent(rule, extended, { type: 'stop', at: at('2024-06-05 09:00') });
    expect(code(() => appendClockEvent(rule, stopped, { type: 'pause', at: at('2024-06-06 09:00'), reason: 'x' }))).toBe('clock.stopped');
    expect(code(() => appendClockEvent(rule, stopped, { type: 'resume', at: at('2024-06-01 09:00') }))).toBe('clock.out_of_order');
    expect(code(() => appendClockEvent(rule, [], { type: 'pause', at: at('2024-06-06 09:00'), reason: 'x' }))).toBe('clock.not_started');
  });

  it('a corrected calendar recomputes the deadline: a date made a holiday is no longer counted', () => {
    const rule = days('working_days', 3);
    const events = start('2024-07-01 09:00');
    expect(computeClock(rule, events, calendar, later).dueAt?.toISOString()).toBe(at('2024-07-05 00:00').toISOString());
    const corrected = createCalendar({ '2024-07-03': { kind: 'holiday', name: '台风停工' } });
    expect(computeClock(rule, events, corrected, later).dueAt?.toISOString()).toBe(at('2024-07-06 00:00').toISOString());
  });
});

// Instants between 2020 and 2026, the years the packaged calendar knows.
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 9, 1) }).map((ms) => new Date(ms));
const unit = fc.constantFrom<ClockRule['unit']>('calendar_days', 'working_days', 'hours');

describe('case clock properties', () => {
  it('a pause never makes a case due earlier', () => {
    fc.assert(
      fc.property(
        unit,
        fc.integer({ min: 1, max: 60 }),
        instant,
        fc.integer({ min: 0, max: 40 * 86_400_000 }),
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        (u, limit, begin, after, length) => {
          const rule = { unit: u, ladder: [limit] };
          const events: ClockEvent[] = [{ type: 'start', at: begin }];
          const pauseAt = new Date(begin.getTime() + after);
          const resumeAt = new Date(pauseAt.getTime() + length);
          const paused = [...events, { type: 'pause', at: pauseAt, reason: 'x' } as const, { type: 'resume', at: resumeAt } as const];
          const now = new Date(resumeAt.getTime() + 1);
          const plain = computeClock(rule, events, calendar, now).dueAt as Date;
          const withPause = computeClock(rule, paused, calendar, now).dueAt as Date;
          expect(withPause.getTime()).toBeGreaterThanOrEqual(plain.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a working-day deadline never falls on a rest day, and a make-up working day may end one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), instant, (limit, begin) => {
        const s = computeClock({ unit: 'working_days', ladder: [limit] }, [{ type: 'start', at: begin }], calendar, begin);
        const lastDay = toLocal(new Date((s.dueAt as Date).getTime() - 1)).date;
        expect(['workday', 'makeup']).toContain(calendar.dayOf(lastDay).kind);
      }),
      { numRuns: 500 },
    );
  });

  it('time left falls as time passes and the case is breached exactly when the due time is behind', () => {
    fc.assert(
      fc.property(
        unit,
        fc.integer({ min: 1, max: 30 }),
        instant,
        fc.integer({ min: 0, max: 60 * 86_400_000 }),
        (u, limit, begin, passed) => {
          const rule = { unit: u, ladder: [limit] };
          const events: ClockEvent[] = [{ type: 'start', at: begin }];
          const now = new Date(begin.getTime() + passed);
          const s = computeClock(rule, events, calendar, now);
          expect(s.breached).toBe(now.getTime() > (s.dueAt as Date).getTime());
          expect(s.remaining).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 300 },
    );
  });
});
