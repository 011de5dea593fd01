import { addDays, todayInShanghai } from '@shouhu/common';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../test/app.ts';
import { testDatabaseKind } from '../test/database.ts';
import { insertHomeVisit } from '../test/fixtures.ts';

describe(`the capabilities' figures (${testDatabaseKind})`, () => {
  let t: TestApp;
  let boc: string;
  beforeAll(async () => {
    t = await createTestApp();
    boc = await findOrgId(t, 'boc-sh');
    const cib = await findOrgId(t, 'cib-sh');
    const now = new Date();
    await insertHomeVisit(t, { orgId: boc });
    await insertHomeVisit(t, { orgId: boc, status: 'done', completedAt: now });
    await insertHomeVisit(t, { orgId: cib, status: 'partly_done', completedAt: now });
    // Made and served long ago: outside the week asked about.
    const old = new Date('2022-04-15T02:00:00Z');
    await insertHomeVisit(t, { orgId: cib, status: 'done', createdAt: old, completedAt: old });
  });
  afterAll(() => t?.close());

  const figures = async (username: string, query = '') =>
    t.app.inject({ url: `/api/v1/figures${query}`, headers: await signInAs(t.app, username) });

  it('answers the regulator every capability’s numbers for the city, or for one institution', async () => {
    const city = await figures('regulator');
    expect(city.statusCode).toBe(200);
    expect(city.json()).toMatchObject({ to: todayInShanghai(), orgId: null });
    expect(city.json().figures['home-visits']).toEqual({ requested: 3, served: 2 });
    expect(Object.keys(city.json().figures).sort()).toEqual(['branches', 'cloud-branch', 'home-visits', 'incidents', 'oversight', 'staff']);
    const one = await figures('regulator', `?orgId=${boc}`);
    expect(one.json().figures['home-visits']).toEqual({ requested: 2, served: 1 });
    const april = await figures('regulator', '?from=2022-04-01&to=2022-04-30');
    expect(april.json().figures['home-visits']).toEqual({ requested: 1, served: 1 });
  });

  it('answers an institution’s admin its own numbers only, whatever it asks, and refuses its staff', async () => {
    const own = await figures('boc.admin', `?orgId=${await findOrgId(t, 'cib-sh')}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ orgId: boc, figures: { 'home-visits': { requested: 2, served: 1 } } });
    expect((await figures('boc.staff')).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/figures' })).statusCode).toBe(401);
  });

  it('names the field of a period that runs backwards or beyond a year', async () => {
    for (const q of ['?from=2022-05-01&to=2022-04-01', '?from=2020-01-01&to=2022-04-01', '?from=2022-02-30']) {
      const answer = await figures('regulator', q);
      expect(answer.statusCode, q).toBe(400);
      expect(answer.json().error.code).toBe('validation.failed');
    }
  });

  it('lists each institution’s figures behind the city’s, which they add up to, and exports them as XLSX', async () => {
    const regulator = await signInAs(t.app, 'regulator');
    const res = await t.app.inject({ url: '/api/v1/oversight/figures', headers: regulator });
    expect(res.statusCode).toBe(200);
    const list = res.json();
    const boc = list.institutions.find((i: { name: string }) => i.name.includes('中国银行'));
    expect(boc.figures['home-visits']).toEqual({ requested: 2, served: 1 });
    expect(list.total['home-visits']).toEqual({ requested: 3, served: 2 });
    // The split adds up to the total for every counted figure.
    for (const name of ['home-visits', 'cloud-branch', 'oversight', 'incidents'])
      for (const [key, n] of Object.entries(list.total[name] as Record<string, number>))
        expect(
          list.institutions.reduce(
            (sum: number, i: { figures: Record<string, Record<string, number>> }) => sum + (i.figures[name]?.[key] ?? 0),
            0,
          ),
          `${name}.${key}`,
        ).toBe(n);

    const xlsx = await t.app.inject({ url: '/api/v1/oversight/figures.xlsx', headers: regulator });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const byOrg = workbook.getWorksheet('按机构') as ExcelJS.Worksheet;
    const header = byOrg.getRow(2).values as unknown[];
    const column = header.indexOf('上门服务·申请');
    expect(column).toBeGreaterThan(0);
    const last = byOrg.getRow(byOrg.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(column).value).toBe(3);
    const byDay = workbook.getWorksheet('按日') as ExcelJS.Worksheet;
    expect(byDay.rowCount).toBe(1 + 7);
    expect(byDay.getRow(8).getCell(1).value).toBe(todayInShanghai());
    expect(byDay.getRow(8).getCell(column).value).toBe(3);
  });

  it('gives an institution its own row only, and names a period beyond a quarter', async () => {
    const own = (await t.app.inject({ url: '/api/v1/oversight/figures', headers: await signInAs(t.app, 'boc.admin') })).json();
    expect(own.institutions.map((i: { orgId: string }) => i.orgId)).toEqual([boc]);
    expect(own.total['home-visits']).toEqual({ requested: 2, served: 1 });
    const long = await t.app.inject({
      url: `/api/v1/oversight/figures?from=${addDays(todayInShanghai(), -100)}`,
      headers: await signInAs(t.app, 'regulator'),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details.fields[0]).toMatchObject({ field: 'querystring.from', reason: 'range_too_long' });
    expect((await t.app.inject({ url: '/api/v1/oversight/figures.xlsx', headers: await signInAs(t.app, 'boc.staff') })).statusCode).toBe(
      403,
    );
  });
});
