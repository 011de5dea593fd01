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
  /** Whether the year's holidays are known (packaged or entered): without them every weekday counts as a working day. */
  knowsYear(year: number): boolean;
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
  const enteredYears = new Set(
    Object.entries(overrides)
      .filter(([, info]) => info.kind === 'holiday')
      .map(([date]) => Number(date.slice(0, 4))),
  );
  return {
    knowsYear(year) {
      return enteredYears.has(year) || chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    },
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

export interface NoticeDay {
  date: string;
  kind: 'holiday' | 'makeup';
  name: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const DATE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/g;
const RANGE_END = /至(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日/;

/**
 * The holidays and make-up working days of a year, read from the text of the State Council's
 * notice as published ("一、元旦：1月1日（周五）放假，共1天。…2月20日（周六）上班。"): each item's
 * name, the dates or range it gives off ("放假"), and the dates it makes working days ("上班").
 */
export function parseHolidayNotice(year: number, text: string): NoticeDay[] {
  const days = new Map<string, NoticeDay>();
  // Remarks in brackets (weekday, lunar date) carry no dates of their own.
  const plain = text.replace(/（[^）]*）|\([^)]*\)/g, '');
  for (const item of plain.split(/(?:^|\n|。)\s*[一二三四五六七八九十]+、/)) {
    const colon = item.search(/[：:]/);
    if (colon < 0) continue;
    const name = item.slice(0, colon).trim();
    for (const sentence of item.slice(colon + 1).split(/[。；;\n]/)) {
      const dates = [...sentence.matchAll(DATE)].map((m) => ({
        y: m[1] ? Number(m[1]) : year,
        m: Number(m[2]),
        d: Number(m[3]),
        index: m.index ?? 0,
      }));
      if (dates.length === 0) continue;
      if (sentence.includes('上班')) {
        for (const d of dates) days.set(`${d.y}-${pad(d.m)}-${pad(d.d)}`, { date: `${d.y}-${pad(d.m)}-${pad(d.d)}`, kind: 'makeup', name });
      } else if (sentence.includes('放假') || sentence.includes('休')) {
        const first = dates[0] as (typeof dates)[number];
        const end = sentence.slice(first.index).match(RANGE_END);
        let last = { y: first.y, m: first.m, d: first.d };
        if (end) {
          const m = end[2] ? Number(end[2]) : first.m;
          last = { y: end[1] ? Number(end[1]) : m < first.m ? first.y + 1 : first.y, m, d: Number(end[3]) };
        }
        const from = `${first.y}-${pad(first.m)}-${pad(first.d)}`;
        const to = `${last.y}-${pad(last.m)}-${pad(last.d)}`;
        for (let date = from, guard = 0; date <= to && guard < 31; date = nextDate(date), guard++)
          days.set(date, { date, kind: 'holiday', name });
      }
    }
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
