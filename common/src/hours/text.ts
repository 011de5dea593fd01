import type { Interval, WeeklyHours } from './open-now.ts';

// Weekly hours as one line of text, for spreadsheets: "1-5 09:00-12:00,13:00-17:00; 6 09:00-12:00; holiday 10:00-15:00".
// Days are ISO weekdays (1 Monday … 7 Sunday); a day not named is closed.

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function formatIntervals(intervals: Interval[]): string {
  return intervals.map((i) => `${i.open}-${i.close}`).join(',');
}

export function formatWeeklyHours(weekly: WeeklyHours): string {
  const parts: string[] = [];
  let start = 0;
  for (let d = 1; d <= 8; d++) {
    const here = d <= 7 ? formatIntervals(weekly.days[d as 1] ?? []) : '';
    const prev = start ? formatIntervals(weekly.days[start as 1] ?? []) : '';
    if (start && here !== prev) {
      if (prev) parts.push(`${start === d - 1 ? start : `${start}-${d - 1}`} ${prev}`);
      start = 0;
    }
    if (!start && d <= 7) start = d;
  }
  if (weekly.holiday?.length) parts.push(`holiday ${formatIntervals(weekly.holiday)}`);
  return parts.join('; ');
}

const WEEKDAY_NAMES = {
  zh: ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

/**
 * Weekly hours in words, for people: "周一至周五 09:00–17:00；周六 09:00–12:00；节假日 10:00–15:00"
 * (days with the same hours run together; closed days are not named).
 */
export function describeWeeklyHours(weekly: WeeklyHours, lang: 'zh' | 'en'): string {
  const names = WEEKDAY_NAMES[lang];
  const spans = (intervals: Interval[]) => intervals.map((i) => `${i.open}–${i.close}`).join(lang === 'zh' ? '、' : ', ');
  const parts: string[] = [];
  for (let d = 1; d <= 7; ) {
    const here = formatIntervals(weekly.days[d as 1] ?? []);
    let end = d;
    while (end < 7 && formatIntervals(weekly.days[(end + 1) as 1] ?? []) === here) end++;
    if (here) {
      const days =
        d === end
          ? names[d]
          : end === d + 1
            ? `${names[d]}${lang === 'zh' ? '、' : ', '}${names[end]}`
            : `${names[d]}${lang === 'zh' ? '至' : '–'}${names[end]}`;
      parts.push(`${days} ${spans(weekly.days[d as 1] ?? [])}`);
    }
    d = end + 1;
  }
  if (weekly.holiday?.length) parts.push(`${lang === 'zh' ? '节假日' : 'Holidays'} ${spans(weekly.holiday)}`);
  if (parts.length === 0) return lang === 'zh' ? '不对外营业' : 'Not open to the public';
  return parts.join(lang === 'zh' ? '；' : '; ');
}

/** Parses the text form; returns the hours, or the reason it cannot. */
export function parseWeeklyHours(text: string): { ok: true; hours: WeeklyHours } | { ok: false; reason: string; reasonZh: string } {
  const hours: WeeklyHours = { days: {} };
  for (const part of text
    .split(/[;；]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(holiday|\d(?:-\d)?)\s+(.+)$/.exec(part);
    if (!m) return { ok: false, reason: `cannot read "${part}"`, reasonZh: `无法识别“${part}”` };
    const intervals: Interval[] = [];
    for (const span of (m[2] as string).split(/[,，]/).map((s) => s.trim())) {
      const [open, close] = span.split('-');
      if (!open || !close || !TIME.test(open) || !TIME.test(close) || open === close)
        return { ok: false, reason: `bad interval "${span}"`, reasonZh: `时间段“${span}”有误` };
      intervals.push({ open, close });
    }
    if (m[1] === 'holiday') {
      hours.holiday = intervals;
      continue;
    }
    const [from, to = from] = (m[1] as string).split('-').map(Number) as [number, number?];
    if (from < 1 || (to as number) > 7 || from > (to as number))
      return { ok: false, reason: `bad days "${m[1]}"`, reasonZh: `星期“${m[1]}”有误` };
    for (let d = from; d <= (to as number); d++) hours.days[d as 1] = intervals;
  }
  return { ok: true, hours };
}

/** A length of time in words, to the minute, at most two units: "2 天 3 小时", "40 分钟". */
export function describeDuration(ms: number, lang: 'zh' | 'en'): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const parts: [number, string, string][] = [
    [Math.floor(minutes / 1440), '天', 'day'],
    [Math.floor((minutes % 1440) / 60), '小时', 'hour'],
    [minutes % 60, '分钟', 'minute'],
  ];
  const shown = parts.filter(([n]) => n > 0).slice(0, 2);
  if (shown.length === 0) return lang === 'zh' ? '不到 1 分钟' : 'under a minute';
  return shown.map(([n, zh, en]) => (lang === 'zh' ? `${n} ${zh}` : `${n} ${en}${n === 1 ? '' : 's'}`)).join(' ');
}
