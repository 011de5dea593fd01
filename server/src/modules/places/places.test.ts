import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';

describe(`compounds and grids (${testDatabaseKind})`, () => {
  let t: TestApp;
  let regulator: Record<string, string>;
  let committee: Record<string, string>;
  let bank: Record<string, string>;
  const post = (url: string, headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url, headers, payload });
  beforeAll(async () => {
    t = await createTestApp();
    regulator = await signInAs(t.app, 'regulator');
    committee = await signInAs(t.app, 'committee.yunnan');
    bank = await signInAs(t.app, 'boc.admin');
  });
  afterAll(() => t.close());

  it('lets a committee register compounds under itself only, and the regulator under any', async () => {
    const own = await post('/api/v1/compounds', committee, { committeeCode: '310101002001', name: '云南中路 300 弄' });
    expect(own.statusCode, own.body).toBe(201);
    const other = await post('/api/v1/compounds', committee, { committeeCode: '310101002003', name: '贵州路 101 弄' });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('compound.not_own_committee');
    const unknown = await post('/api/v1/compounds', regulator, { committeeCode: '310101002999', name: '某小区' });
    expect(unknown.json().error.details.fields).toMatchObject([{ field: 'body.committeeCode', reason: 'unknown' }]);
    expect((await post('/api/v1/compounds', committee, { committeeCode: '310101002001', name: '云南中路 300 弄' })).statusCode).toBe(409);
    expect((await post('/api/v1/compounds', regulator, { committeeCode: '310101002003', name: '贵州路 101 弄' })).statusCode).toBe(201);
    expect((await post('/api/v1/compounds', bank, { committeeCode: '310101002003', name: '又一个' })).statusCode).toBe(403);
    const list = await t.app.inject('/api/v1/compounds?committeeCode=310101002001');
    expect(list.json().items.map((c: { name: string }) => c.name)).toContain('云南中路 300 弄');
  });

  it("keeps an institution's grids its own and a district's grid inside its district, naming the committee that is not", async () => {
    const mine = await post('/api/v1/grids', bank, { name: '南京东路网格', committeeCodes: ['310101002001', '310101002002'] });
    expect(mine.statusCode, mine.body).toBe(201);
    const unknown = await post('/api/v1/grids', bank, { name: '坏网格', committeeCodes: ['310101002001', '310101002999'] });
    expect(unknown.json().error.details.fields).toMatchObject([{ field: 'body.committeeCodes.1', reason: 'unknown' }]);
    expect(
      (await post('/api/v1/grids', regulator, { name: '黄浦一网格', committeeCodes: ['310101002001'] })).json().error.details.fields[0]
        .field,
    ).toBe('body.districtCode');
    const outside = await post('/api/v1/grids', regulator, {
      name: '黄浦一网格',
      districtCode: '310101',
      committeeCodes: ['310101002001', '310115004001'],
    });
    expect(outside.json().error).toMatchObject({ code: 'grid.outside_district', details: { field: 'committeeCodes.1' } });
    expect(
      (await post('/api/v1/grids', regulator, { name: '黄浦一网格', districtCode: '310101', committeeCodes: ['310101002001'] })).statusCode,
    ).toBe(201);
    const cib = await signInAs(t.app, 'cib.admin');
    expect((await t.app.inject({ url: '/api/v1/grids', headers: cib })).json().items).toEqual([]);
    expect((await t.app.inject({ url: '/api/v1/grids', headers: regulator })).json().items).toHaveLength(4); // two of the demo's and these two
    const moved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/grids/${mine.json().id}`,
      headers: cib,
      payload: { name: 'x', committeeCodes: ['310101002001'] },
    });
    expect(moved.statusCode).toBe(404);
    const changed = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/grids/${mine.json().id}`,
      headers: bank,
      payload: { name: '南京东路网格', committeeCodes: ['310101002001', '310101002002', '310101002003'] },
    });
    expect(changed.json().committeeCodes).toHaveLength(3);
  });
});
