import { describe, expect, it } from 'vitest';
import type { ClockEvent } from '../clock/clock.ts';
import { createCalendar } from '../hours/calendar.ts';
import { computeComplaintClock, computeForwardingDue, computeReviewWindowEnd } from './complaints.ts';

// Shanghai time, written as the instant it is.
const at = (local: string) => new Date(`${local}+08:00`);
const calendar = createCalendar();

// Hand-computed across the 2024 Spring Festival: the holiday ran 10–17 February, with Sunday
// 4 February and Sunday 18 February as make-up working days (State Council notice, 2023-10-25).
describe('complaint deadlines across the Spring Festival of 2024', () => {
  const received = at('2024-02-05T10:00:00');

  it('counts the decision’s 15 days as calendar days, holiday or not', () => {
    // 6 February is day 1 … 20 February day 15: due at the midnight that ends it.
    const clock = computeComplaintClock([{ type: 'start', at: received }], calendar, at('2024-02-08T09:00:00'));
    expect(clock).toMatchObject({ dueAt: at('2024-02-21T00:00:00'), limit: 15, status: 'running', breached: false });
    // On 8 February, the 6th and 7th are used up: 13 days left.
    expect(clock.remaining).toBe(13);
  });

  it('moves the due date by the dates an appraisal pause touches, then by the extensions', () => {
    const events: ClockEvent[] = [
      { type: 'start', at: received },
      { type: 'pause', at: at('2024-02-10T11:00:00'), reason: 'appraisal' },
      { type: 'resume', at: at('2024-02-14T16:00:00') },
    ];
    // 6–9 February count (4), 10–14 are touched by the pause, 15–25 February count (11): due 26 February.
    expect(computeComplaintClock(events, calendar, at('2024-02-15T09:00:00')).dueAt).toEqual(at('2024-02-26T00:00:00'));
    // While paused there is no due date: it moves with the pause.
    expect(computeComplaintClock(events.slice(0, 2), calendar, at('2024-02-12T09:00:00'))).toMatchObject({ dueAt: null, status: 'paused' });
    const complex: ClockEvent = { type: 'extend', at: at('2024-02-16T10:00:00'), approvedBy: '张处长', reason: '涉及多笔交易，需调取流水' };
    // Extended to 30: 4 + 15–29 February (15) + 1–11 March (11) = 30, due 12 March (2024 is a leap year).
    expect(computeComplaintClock([...events, complex], calendar, at('2024-02-16T11:00:00'))).toMatchObject({
      dueAt: at('2024-03-12T00:00:00'),
      limit: 30,
      step: 1,
    });
    // Extended again, to 60: 30 more days, 12 March … 10 April, due 11 April.
    const especially: ClockEvent = { type: 'extend', at: at('2024-03-01T10:00:00'), approvedBy: '李副行长', reason: '需第三方评估' };
    expect(computeComplaintClock([...events, complex, especially], calendar, at('2024-03-01T11:00:00'))).toMatchObject({
      dueAt: at('2024-04-11T00:00:00'),
      limit: 60,
      step: 2,
    });
  });

  it('is breached the day after it falls due, and stops at the decision', () => {
    const late = computeComplaintClock([{ type: 'start', at: received }], calendar, at('2024-02-22T10:00:00'));
    expect(late).toMatchObject({ breached: true, remaining: -1 });
    const decided = computeComplaintClock(
      [
        { type: 'start', at: received },
        { type: 'stop', at: at('2024-02-19T15:00:00') },
      ],
      calendar,
      at('2024-03-01T10:00:00'),
    );
    expect(decided).toMatchObject({ status: 'stopped', breached: false });
  });

  it('counts the regulator’s 7 days to forward as working days: the holiday skipped, the make-up Sunday counted', () => {
    // Received Wednesday 7 February: 8 and 9 February (2), the holiday passes, Sunday 18 February
    // works (3), 19–22 February (4 more): due at the end of Thursday 22 February.
    expect(computeForwardingDue(at('2024-02-07T16:30:00'), calendar)).toEqual(at('2024-02-23T00:00:00'));
    // An ordinary week for comparison: received Monday 4 March, due at the end of Wednesday 13 March.
    expect(computeForwardingDue(at('2024-03-04T09:00:00'), calendar)).toEqual(at('2024-03-14T00:00:00'));
  });

  it('lets a review be asked until the end of the 30th day after the decision', () => {
    // Decided 31 January 2024: 1 February is day 1, 1 March day 30.
    expect(computeReviewWindowEnd(at('2024-01-31T17:00:00'))).toEqual(at('2024-03-02T00:00:00'));
  });
});
