import { createCalendar } from '@shouhu/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { listMissingYears, loadCalendar } from './service.ts';

// A year no packaged calendar knows, with a notice written the State Council's way.
const NOTICE_2099 = `一、元旦：1月1日（周四）放假，共1天。
二、春节：1月20日（周二）至26日（周一）放假调休，共7天。1月18日（周日）、2月1日（周日）上班。`;

describe(`the holiday calendar the regulator keeps (${testDatabaseKind})`, () => {
  let t: TestApp;
  let regulator: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    regulator = await signInAs(t.app, 'regulator');
  });
  afterAll(() => t.close());

  it('warns of a year starting within 60 days that the calendar does not know, and not of one further off', () => {
    const calendar = createCalendar({ '2098-01-01': { kind: 'holiday', name: '元旦' } });
    expect(listMissingYears(calendar, '2098-11-05')).toEqual([2099]);
    expect(listMissingYears(calendar, '2098-10-01')).toEqual([]);
    // The packaged calendar (chinese-days 1.5.7) ends with 2026: from early November 2026 the desk says so.
    expect(listMissingYears(createCalendar(), '2026-10-01')).toEqual([]);
    expect(listMissingYears(createCalendar(), '2026-12-03')).toEqual([2027]);
  });

  it('enters a year from the pasted notice in one audited step, and every deadline counts with it at once', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2099',
      headers: regulator,
      payload: { text: NOTICE_2099 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(10);
    const calendar = await loadCalendar(t.database.db);
    expect(calendar.knowsYear(2099)).toBe(true);
    expect(calendar.dayOf('2099-01-22')).toEqual({ kind: 'holiday', name: '春节' });
    expect(calendar.dayOf('2099-02-01')).toEqual({ kind: 'makeup', name: '春节' });
    const trail = await t.database.db
      .selectFrom('auditEvents')
      .select(['action', 'recordId'])
      .where('action', '=', 'calendar.year_entered')
      .execute();
    expect(trail).toEqual([{ action: 'calendar.year_entered', recordId: '2099' }]);

    // Entered again without the make-up day of 1 February: that date is no longer set.
    const again = NOTICE_2099.replace('、2月1日（周日）', '');
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/years/2099', headers: regulator, payload: { text: again } })).statusCode,
    ).toBe(200);
    expect((await loadCalendar(t.database.db)).dayOf('2099-02-01').kind).toBe('weekend');
  });

  it('refuses text with no holidays in it, naming the field, and changes nothing; others may not enter a year', async () => {
    const before = await t.database.db
      .selectFrom('holidayOverrides')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/years/2098',
      headers: regulator,
      payload: { text: '关于2098年部分节假日安排的通知' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'validation.failed', details: { fields: [{ field: 'body.text' }] } });
    const after = await t.database.db
      .selectFrom('holidayOverrides')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const bank = await signInAs(t.app, 'boc.admin');
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/years/2098', headers: bank, payload: { text: NOTICE_2099 } })).statusCode,
    ).toBe(403);
  });
});
