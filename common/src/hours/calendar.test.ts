import { describe, expect, it } from 'vitest';
import { createCalendar, parseHolidayNotice } from './calendar.ts';

// The State Council's notice of the 2026 holidays (国办发明电〔2025〕7号), its seven items as published.
const NOTICE_2026 = `一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。`;

describe('the holiday calendar', () => {
  it('reads the State Council notice into the same days the packaged calendar holds for that year', () => {
    const days = parseHolidayNotice(2026, NOTICE_2026);
    const packaged = createCalendar();
    expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(33);
    for (const day of days) expect([day.date, packaged.dayOf(day.date).kind]).toEqual([day.date, day.kind]);
    expect(days.find((d) => d.date === '2026-02-14')).toEqual({ date: '2026-02-14', kind: 'makeup', name: '春节' });
  });

  it('reads a range across the new year and years written out', () => {
    const days = parseHolidayNotice(2019, '一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。');
    expect(days.map((d) => `${d.date} ${d.kind}`)).toEqual([
      '2018-12-29 makeup',
      '2018-12-30 holiday',
      '2018-12-31 holiday',
      '2019-01-01 holiday',
    ]);
  });

  it('knows the years it has holidays for, and a year once its holidays are entered', () => {
    expect(createCalendar().knowsYear(2026)).toBe(true);
    expect(createCalendar().knowsYear(2099)).toBe(false);
    expect(createCalendar({ '2099-01-01': { kind: 'holiday', name: '元旦' } }).knowsYear(2099)).toBe(true);
  });
});
