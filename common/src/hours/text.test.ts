import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WeeklyHours } from './open-now.ts';
import { describeWeeklyHours, formatWeeklyHours, parseWeeklyHours } from './text.ts';

describe('weekly hours as text', () => {
  it('writes ranges of equal days and reads them back', () => {
    const weekly: WeeklyHours = {
      days: {
        1: [
          { open: '09:00', close: '12:00' },
          { open: '13:00', close: '17:00' },
        ],
        2: [{ open: '09:00', close: '17:00' }],
        3: [{ open: '09:00', close: '17:00' }],
        6: [{ open: '22:00', close: '02:00' }],
      },
      holiday: [{ open: '10:00', close: '15:00' }],
    };
    const text = formatWeeklyHours(weekly);
    expect(text).toBe('1 09:00-12:00,13:00-17:00; 2-3 09:00-17:00; 6 22:00-02:00; holiday 10:00-15:00');
    expect(parseWeeklyHours(text)).toEqual({ ok: true, hours: weekly });
    expect(parseWeeklyHours('1-5 09:00-17:00；6 09:00-12:00')).toMatchObject({ ok: true });
  });
  it('names what it cannot read', () => {
    expect(parseWeeklyHours('Mon 9-5')).toEqual({ ok: false, reason: 'cannot read "Mon 9-5"', reasonZh: '无法识别“Mon 9-5”' });
    expect(parseWeeklyHours('1-5 09:00-25:00')).toEqual({
      ok: false,
      reason: 'bad interval "09:00-25:00"',
      reasonZh: '时间段“09:00-25:00”有误',
    });
    expect(parseWeeklyHours('5-1 09:00-17:00')).toEqual({ ok: false, reason: 'bad days "5-1"', reasonZh: '星期“5-1”有误' });
  });
  it('round-trips any weekly hours (property)', () => {
    const hhmm = fc
      .integer({ min: 0, max: 95 })
      .map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);
    const interval = fc.record({ open: hhmm, close: hhmm }).filter((i) => i.open !== i.close);
    const day = fc.option(fc.array(interval, { minLength: 1, maxLength: 2 }), { nil: undefined });
    fc.assert(
      fc.property(fc.tuple(day, day, day, day, day, day, day), (days) => {
        const weekly: WeeklyHours = { days: {} };
        days.forEach((d, i) => {
          if (d) weekly.days[(i + 1) as 1] = d;
        });
        const back = parseWeeklyHours(formatWeeklyHours(weekly));
        return back.ok && JSON.stringify(back.hours) === JSON.stringify(weekly);
      }),
    );
  });

  it('says weekly hours in words, days with the same hours together', () => {
    const weekly: WeeklyHours = {
      days: {
        1: [{ open: '09:00', close: '17:00' }],
        2: [{ open: '09:00', close: '17:00' }],
        3: [{ open: '09:00', close: '17:00' }],
        4: [{ open: '09:00', close: '17:00' }],
        5: [{ open: '09:00', close: '17:00' }],
        6: [{ open: '09:00', close: '12:00' }],
        7: [{ open: '09:00', close: '12:00' }],
      },
      holiday: [{ open: '10:00', close: '15:00' }],
    };
    expect(describeWeeklyHours(weekly, 'zh')).toBe('周一至周五 09:00–17:00；周六、周日 09:00–12:00；节假日 10:00–15:00');
    expect(describeWeeklyHours(weekly, 'en')).toBe('Mon–Fri 09:00–17:00; Sat, Sun 09:00–12:00; Holidays 10:00–15:00');
    expect(
      describeWeeklyHours(
        {
          days: {
            3: [
              { open: '09:00', close: '11:30' },
              { open: '13:00', close: '17:00' },
            ],
          },
        },
        'zh',
      ),
    ).toBe('周三 09:00–11:30、13:00–17:00');
    expect(describeWeeklyHours({ days: {} }, 'zh')).toBe('不对外营业');
  });
});
