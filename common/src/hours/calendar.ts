import chineseDays from 'chinese-days';

/** What kind of day a calendar date is, for opening hours. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

export interface DayInfo {
  kind: DayKind;
  /** The holiday's name, for a holiday or the make-up working day (调休) that pays for it. */
  name?: string;
}

export interface Calendar {
  dayOf(date: string): DayInfo;
}

/** ISO weekday of a YYYY-MM-DD date: Monday 1 … Sunday 7. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * Public holidays and make-up working days from the chinese-days package (the State Council's
 * notices, year by year), with overrides on top: the admin table for a year the package does not
 * know yet, or a local change.
 */
export function createCalendar(overrides: Record<string, DayInfo> = {}): Calendar {
  // The finder asks about the same few dates for every branch: remember the answers.
  const known = new Map<string, DayInfo>();
  return {
    dayOf(date) {
      const override = overrides[date];
      if (override) return override;
      let info = known.get(date);
      if (!info) {
        const detail = chineseDays.getDayDetail(date) as { work: boolean; name: string };
        // Festival entries are named "English,中文,days"; ordinary days carry the weekday's name.
        const festival = detail.name.includes(',') ? (detail.name.split(',')[1] ?? detail.name) : undefined;
        info = festival ? { kind: detail.work ? 'makeup' : 'holiday', name: festival } : { kind: detail.work ? 'workday' : 'weekend' };
        known.set(date, info);
      }
      return info;
    },
  };
}
