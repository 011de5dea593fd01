import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';

const WEEKDAYS = { 1: [{ open: '09:00', close: '17:00' }], 2: [{ open: '09:00', close: '17:00' }] };

describe(`lockdown zones and the branches they flag (${testDatabaseKind})`, () => {
  let t: TestApp;
  let regulator: Record<string, string>;
  let boc: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    regulator = await signInAs(t.app, 'regulator');
    boc = await signInAs(t.app, 'boc.staff');
    const branch = (code: string, lat: number, lng: number, streetCode: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/branches',
        headers: boc,
        payload: {
          code,
          nameZh: `网点${code}`,
          address: '某路1号',
          streetCode,
          lat,
          lng,
          services: ['cash'],
          weeklyHours: { days: WEEKDAYS },
        },
      });
    await branch('NEAR', 31.2301, 121.4801, '310101002'); // ~40 m from the compound below
    await branch('STREET', 31.2, 121.44, '310104003'); // in a street sealed whole
    await branch('FAR', 31.3, 121.5, '310109009');
  });
  afterAll(() => t.close());

  it('imports the day’s zones from a GB18030 CSV, refusing the file when a row is bad, naming the line', async () => {
    const csv = (rows: string[]) => iconv.encode(['名称,街道代码,整街,纬度,经度,等级,开始日期,结束日期', ...rows].join('\r\n'), 'gb18030');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/zones/import',
      headers: { ...regulator, 'content-type': 'text/csv' },
      payload: csv([
        '某小区,310101002,,31.2304,121.4803,封控区,2022-04-01,2022-05-31',
        '坏行,310199999,,31.2,121.4,封控区,2022-04-01,',
        '无位置小区,310101002,,,,管控区,2022-04-01,',
      ]),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'zone.import_invalid',
      details: {
        problems: [
          { line: 3, field: 'streetCode', reasonZh: '街道或乡镇代码不存在' },
          { line: 4, field: 'lat', reasonZh: '小区须填写经纬度（整条街道封控时请标明整街）' },
        ],
      },
    });
    expect((await t.app.inject('/api/v1/zones?on=2022-04-15')).json().items).toEqual([]);
    const partial = await t.app.inject({
      method: 'POST',
      url: '/api/v1/zones/import?partial=true',
      headers: { ...regulator, 'content-type': 'text/csv' },
      payload: csv([
        '某小区,310101002,,31.2304,121.4803,封控区,2022-04-01,2022-05-31',
        '徐汇某街道,310104003,是,,,封控区,2022-04-05,',
        '坏行,310199999,,31.2,121.4,封控区,2022-04-01,',
      ]),
    });
    expect(partial.json()).toMatchObject({ imported: 2, problems: [{ line: 4, field: 'streetCode' }] });
    // The rest comes back as a file: the row as sent, with what is wrong with it; fixed, it imports.
    const rejected: string = partial.json().rejectedCsv;
    expect(rejected.split(/\r?\n/)).toEqual([
      '\uFEFF名称,街道代码,整街,纬度,经度,等级,开始日期,结束日期,问题 problem',
      '坏行,310199999,,31.2,121.4,封控区,2022-04-01,,第4行 streetCode：街道或乡镇代码不存在（Unknown street or town code）',
      '',
    ]);
    const fixed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/zones/import',
      headers: { ...regulator, 'content-type': 'text/csv' },
      payload: rejected.replace('310199999', '310104003'),
    });
    expect(fixed.json()).toMatchObject({ imported: 1, problems: [], rejectedCsv: null });
    const zones = (await t.app.inject('/api/v1/zones?on=2022-04-15')).json().items;
    expect(zones.map((z: { name: string; level: string }) => [z.name, z.level]).sort()).toEqual([
      ['坏行', 'sealed'],
      ['徐汇某街道', 'sealed'],
      ['某小区', 'sealed'],
    ]);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/zones/import', headers: { ...boc, 'content-type': 'text/csv' }, payload: 'x' }))
        .statusCode,
    ).toBe(403);
  });

  it('flags the branches in a sealed street or next to a sealed compound, proposing a closure, and closes nothing itself', async () => {
    const flags = (await t.app.inject({ url: '/api/v1/branch-flags?on=2022-04-15', headers: boc })).json().items as {
      branchName: string;
      why: string;
      proposed: object;
      alreadyClosed: boolean;
    }[];
    expect(flags.map((f) => [f.branchName, f.why]).sort()).toEqual([
      ['网点NEAR', 'near_sealed_compound'],
      ['网点STREET', 'in_sealed_street'],
    ]);
    expect(flags[0]).toMatchObject({ proposed: { closed: true, reason: 'lockdown_zone' }, alreadyClosed: false });
    // Before the zones: nothing flagged. Nothing was closed by the flagging.
    expect((await t.app.inject({ url: '/api/v1/branch-flags?on=2022-03-01', headers: boc })).json().items).toEqual([]);
    expect(await t.database.db.selectFrom('branchAdjustments').selectAll().execute()).toEqual([]);
    // Another bank sees none of these; the regulator sees them all.
    expect(
      (await t.app.inject({ url: '/api/v1/branch-flags?on=2022-04-15', headers: await signInAs(t.app, 'cib.admin') })).json().items,
    ).toEqual([]);
    expect((await t.app.inject({ url: '/api/v1/branch-flags?on=2022-04-15', headers: regulator })).json().items).toHaveLength(2);
  });

  it('takes a zone entered by hand, naming the missing location', async () => {
    const noPlace = await t.app.inject({
      method: 'POST',
      url: '/api/v1/zones',
      headers: regulator,
      payload: { name: '某小区', streetCode: '310101002', level: 'sealed', from: '2022-04-01' },
    });
    expect(noPlace.json().error.details.fields[0].field).toBe('body.lat');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/zones',
      headers: regulator,
      payload: { name: '某里弄', streetCode: '310109009', lat: 31.3001, lng: 121.5001, level: 'controlled', from: '2022-04-01' },
    });
    expect(ok.statusCode).toBe(201);
  });

  it('names the committee a compound lies in, refusing one that does not exist or lies in another street', async () => {
    const post = (committeeCode: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/zones',
        headers: regulator,
        payload: {
          name: '贵州路某里',
          streetCode: '310101002',
          committeeCode,
          lat: 31.2381,
          lng: 121.4791,
          level: 'sealed',
          from: '2022-04-02',
        },
      });
    const unknown = await post('310101002999');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields).toMatchObject([
      { field: 'body.committeeCode', reason: 'unknown', message_zh: '没有这个居委会或村委会' },
    ]);
    expect((await post('310101013001')).json().error.details.fields[0].field).toBe('body.committeeCode');
    const ok = await post('310101002003');
    expect(ok.statusCode, ok.body).toBe(201);
    const listed = (await t.app.inject({ url: '/api/v1/zones?on=2022-04-02', headers: regulator })).json().items as {
      name: string;
      committeeCode: string | null;
    }[];
    expect(listed.find((z) => z.name === '贵州路某里')?.committeeCode).toBe('310101002003');
  });
});
