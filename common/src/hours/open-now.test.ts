import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar } from './calendar.ts';
import {
  addDays,
  findNextOpening,
  formatShanghaiTime,
  fromLocal,
  hoursOn,
  type Interval,
  isOpenAt,
  type Schedule,
  todayHours,
  toLocal,
} from './open-now.ts';

const calendar = createCalendar();
const options = { calendar };
const at = (local: string) => fromLocal(local.slice(0, 10), Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16)));

// A typical branch: weekdays 9:00–17:00 with a lunch break, Saturday mornings, closed Sundays and holidays.
const branch: Schedule = {
  weekly: {
    days: {
      1: [
        { open: '09:00', close: '12:00' },
        { open: '13:00', close: '17:00' },
      ],
      2: [{ open: '09:00', close: '17:00' }],
      3: [{ open: '09:00', close: '17:00' }],
      4: [{ open: '09:00', close: '17:00' }],
      5: [{ open: '09:00', close: '17:00' }],
      6: [{ open: '09:00', close: '12:00' }],
    },
  },
};

describe('the calendar', () => {
  it('knows the 2022 Labour Day holiday and its make-up working days (调休)', () => {
    expect(calendar.dayOf('2022-05-02')).toEqual({ kind: 'holiday', name: '劳动节' });
    expect(calendar.dayOf('2022-04-24')).toEqual({ kind: 'makeup', name: '劳动节' }); // a Sunday worked
    expect(calendar.dayOf('2022-04-23')).toEqual({ kind: 'weekend' });
    expect(calendar.dayOf('2022-05-09')).toEqual({ kind: 'workday' });
  });
  it('takes the admin override for a year the package does not know yet', () => {
    const withOverride = createCalendar({ '2027-01-01': { kind: 'holiday', name: '元旦' } });
    expect(calendar.dayOf('2027-01-01').kind).toBe('workday');
    expect(withOverride.dayOf('2027-01-01')).toEqual({ kind: 'holiday', name: '元旦' });
  });
});

describe('open now', () => {
  it('follows weekly hours with a lunch break, in Shanghai time', () => {
    expect(isOpenAt(branch, at('2022-05-09T09:30'), options)).toBe(true); // Monday
    expect(isOpenAt(branch, at('2022-05-09T12:30'), options)).toBe(false); // lunch
    expect(isOpenAt(branch, at('2022-05-09T17:00'), options)).toBe(false); // closes at 17:00
    expect(isOpenAt(branch, new Date('2022-05-09T01:30:00Z'), options)).toBe(true); // 09:30 in Shanghai
    expect(isOpenAt(branch, at('2022-05-08T10:00'), options)).toBe(false); // Sunday
  });

  it('is closed on a public holiday and open on a make-up Sunday with Monday’s hours', () => {
    expect(todayHours(branch, at('2022-05-02T10:00'), options)).toMatchObject({ reason: 'closed', note: '劳动节' });
    expect(isOpenAt(branch, at('2022-04-24T12:30'), options)).toBe(false); // Monday's lunch break
    expect(isOpenAt(branch, at('2022-04-24T13:30'), options)).toBe(true);
    expect(todayHours(branch, at('2022-04-24T13:30'), options).reason).toBe('makeup');
    const withHolidayHours: Schedule = { weekly: { ...branch.weekly, holiday: [{ open: '10:00', close: '15:00' }] } };
    expect(isOpenAt(withHolidayHours, at('2022-05-02T11:00'), options)).toBe(true);
  });

  it('applies dated adjustments: a lockdown closure, or shorter hours', () => {
    const adjusted: Schedule = {
      ...branch,
      adjustments: [
        { from: '2022-04-01', to: '2022-04-15', closed: true, note: '所在街道封控' },
        { from: '2022-04-18', to: '2022-05-31', closed: false, hours: [{ open: '10:00', close: '15:00' }], note: '缩短营业时间' },
      ],
    };
    expect(isOpenAt(adjusted, at('2022-04-11T10:00'), options)).toBe(false);
    expect(todayHours(adjusted, at('2022-04-11T10:00'), options)).toEqual({
      date: '2022-04-11',
      intervals: [],
      reason: 'closed',
      note: '所在街道封控',
    });
    expect(isOpenAt(adjusted, at('2022-04-19T09:30'), options)).toBe(false);
    expect(isOpenAt(adjusted, at('2022-04-19T14:30'), options)).toBe(true);
    // An adjustment wins over the holiday: the branch opened on Labour Day in 2022.
    expect(isOpenAt(adjusted, at('2022-05-02T10:30'), options)).toBe(true);
    expect(findNextOpening(adjusted, at('2022-04-11T10:00'), options)).toEqual(at('2022-04-16T09:00'));
  });

  it('handles overnight hours across midnight', () => {
    const lateCounter: Schedule = { weekly: { days: { 5: [{ open: '20:00', close: '02:00' }] } } };
    expect(isOpenAt(lateCounter, at('2022-05-13T23:30'), options)).toBe(true); // Friday night
    expect(isOpenAt(lateCounter, at('2022-05-14T01:59'), options)).toBe(true); // into Saturday
    expect(isOpenAt(lateCounter, at('2022-05-14T02:00'), options)).toBe(false);
    expect(findNextOpening(lateCounter, at('2022-05-14T03:00'), options)).toEqual(at('2022-05-20T20:00'));
  });

  it('finds the next opening, and none when it is open or never opens', () => {
    expect(findNextOpening(branch, at('2022-05-09T12:30'), options)).toEqual(at('2022-05-09T13:00'));
    expect(findNextOpening(branch, at('2022-05-07T20:00'), options)).toEqual(at('2022-05-09T09:00')); // Sat night → Monday
    expect(findNextOpening(branch, at('2022-05-09T10:00'), options)).toBeNull();
    expect(findNextOpening({ weekly: { days: {} } }, at('2022-05-09T10:00'), options)).toBeNull();
  });

  // Properties over random weekly hours and instants.
  const hhmm = fc
    .integer({ min: 0, max: 24 * 4 - 1 })
    .map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);
  const interval: fc.Arbitrary<Interval> = fc.record({ open: hhmm, close: hhmm }).filter((i) => i.open !== i.close);
  const schedule: fc.Arbitrary<Schedule> = fc.record({
    weekly: fc.record({
      days: fc.dictionary(fc.constantFrom('1', '2', '3', '4', '5', '6', '7'), fc.array(interval, { maxLength: 2 })) as fc.Arbitrary<
        Schedule['weekly']['days']
      >,
    }),
  });
  const instant = fc
    .integer({ min: Date.UTC(2022, 0, 1), max: Date.UTC(2024, 11, 31) })
    .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));

  it('property: the next opening is in the future, open, and nothing before it is', () => {
    fc.assert(
      fc.property(schedule, instant, (s, t) => {
        const next = findNextOpening(s, t, options, 14);
        if (next === null) return true;
        if (next <= t || !isOpenAt(s, next, options)) return false;
        // Sample the minutes in between: all closed.
        const steps = Math.min(40, (next.getTime() - t.getTime()) / 60_000);
        for (let i = 0; i < steps; i++) {
          const probe = new Date(t.getTime() + Math.floor(((next.getTime() - t.getTime()) * i) / steps / 60_000) * 60_000);
          if (probe < next && isOpenAt(s, probe, options)) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('property: open exactly when the local time falls in today’s intervals or yesterday’s overnight ones', () => {
    fc.assert(
      fc.property(schedule, instant, (s, t) => {
        const { date, minute } = toLocal(t);
        const inToday = hoursOn(s, date, options).intervals.some((i) => {
          const o = Number(i.open.slice(0, 2)) * 60 + Number(i.open.slice(3));
          let c = Number(i.close.slice(0, 2)) * 60 + Number(i.close.slice(3));
          if (c <= o) c += 1440;
          return minute >= o && minute < c;
        });
        const fromYesterday = hoursOn(s, addDays(date, -1), options).intervals.some((i) => {
          const o = Number(i.open.slice(0, 2)) * 60 + Number(i.open.slice(3));
          const c = Number(i.close.slice(0, 2)) * 60 + Number(i.close.slice(3));
          return c <= o && minute < c;
        });
        return isOpenAt(s, t, options) === (inToday || fromYesterday);
      }),
      { numRuns: 500 },
    );
  });

  it('property: local time round-trips through the business time zone', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const { date, minute } = toLocal(t);
        return fromLocal(date, minute).getTime() === t.getTime();
      }),
    );
  });
});

describe('the Shanghai fast path', () => {
  it('writes an instant in Shanghai time, with seconds when asked', () => {
    expect(formatShanghaiTime('2026-11-26T19:15:18.500Z')).toBe('2026-11-27 03:15');
    expect(formatShanghaiTime('2026-11-26T19:15:18.500Z', { seconds: true })).toBe('2026-11-27 03:15:18');
  });

  it('agrees with Intl for any instant since 1992', () => {
    const viaIntl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        const p = Object.fromEntries(viaIntl.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
        const { date, minute } = toLocal(new Date(ms));
        return date === `${p.year}-${p.month}-${p.day}` && minute === Number(p.hour) * 60 + Number(p.minute);
      }),
    );
  });
});
