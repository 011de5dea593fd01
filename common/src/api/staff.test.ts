import { describe, expect, it } from 'vitest';
import { findDutyGaps } from './staff.ts';

describe('findDutyGaps', () => {
  it('finds no gap when the shifts cover the day, across midnight or in one whole-day shift', () => {
    expect(
      findDutyGaps([
        { from: '08:00', to: '20:00' },
        { from: '20:00', to: '08:00' },
      ]),
    ).toEqual([]);
    expect(findDutyGaps([{ from: '00:00', to: '00:00' }])).toEqual([]);
  });

  it('names each uncovered part, one gap across midnight counted once', () => {
    expect(findDutyGaps([{ from: '08:00', to: '20:00' }])).toEqual([{ from: '20:00', to: '08:00' }]);
    expect(
      findDutyGaps([
        { from: '00:00', to: '09:00' },
        { from: '12:00', to: '18:30' },
      ]),
    ).toEqual([
      { from: '09:00', to: '12:00' },
      { from: '18:30', to: '24:00' },
    ]);
    expect(findDutyGaps([])).toEqual([{ from: '00:00', to: '24:00' }]);
  });
});
