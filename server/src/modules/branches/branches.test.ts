import { NearestAnswer } from '@shouhu/common';
import { distance } from 'geokdbush';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createTestApp, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';

const WEEKDAYS = {
  1: [{ open: '09:00', close: '17:00' }],
  2: [{ open: '09:00', close: '17:00' }],
  3: [{ open: '09:00', close: '17:00' }],
  4: [{ open: '09:00', close: '17:00' }],
  5: [{ open: '09:00', close: '17:00' }],
};
const branch = (code: string, lat: number, lng: number, services = ['cash', 'account_opening']) => ({
  code,
  nameZh: `测试网点${code}`,
  address: '黄浦区南京东路1号',
  streetCode: '310101002',
  lat,
  lng,
  services,
  weeklyHours: { days: WEEKDAYS },
});
// Monday 9 May 2022, 10:00 in Shanghai.
const MONDAY_10 = '2022-05-09T02:00:00.000Z';

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean) {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error('timed out');
}

describe(`branches, adjustments, channels and the public finder (${testDatabaseKind})`, () => {
  let t: TestApp;
  let boc: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    boc = await signInAs(t.app, 'boc.staff');
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object, headers = boc) => t.app.inject({ method: 'POST', url, headers, payload });
  // The finder encodes its answers itself: each must still be what the schema documents, and
  // each entry's own place must be at the distance given (its parts belong to one branch).
  const nearest = async (query: string) => {
    const res = await t.app.inject(`/api/v1/public/branches/nearest?${query}`);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const answer = res.json();
    expect([...Value.Errors(NearestAnswer, answer)]).toEqual([]);
    const from = new URLSearchParams(query);
    for (const item of answer.items) {
      // Great-circle kilometres, as the nearest-search tests check them.
      expect(item.distanceKm).toBeCloseTo(distance(Number(from.get('lng')), Number(from.get('lat')), item.lng, item.lat), 1);
    }
    return answer;
  };

  it('registers branches, naming the bad field, and converts GCJ-02 coordinates', async () => {
    const badStreet = await post('/api/v1/branches', { ...branch('X1', 31.23, 121.48), streetCode: '310199999' });
    expect(badStreet.json().error).toMatchObject({ code: 'street.unknown', details: { field: 'streetCode' } });
    const outside = await post('/api/v1/branches', branch('X2', 39.9, 116.4));
    expect(outside.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.lat', 'body.lng']);
    const badHours = await post('/api/v1/branches', {
      ...branch('X3', 31.23, 121.48),
      weeklyHours: { days: { 1: [{ open: '9am', close: '17:00' }] } },
    });
    expect(badHours.json().error.details.fields[0].field).toBe('body.weeklyHours.days.1.0.open');
    const created = await post('/api/v1/branches', { ...branch('B1', 31.2353, 121.4847), coordinateSystem: 'gcj02' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ districtCode: '310101', streetCode: '310101002' });
    // GCJ-02 lies a few hundred metres off WGS-84 in Shanghai.
    expect(Math.abs(created.json().lat - 31.2353)).toBeGreaterThan(0.001);
    expect((await post('/api/v1/branches', branch('B1', 31.24, 121.49))).json().error.code).toBe('branch.code_taken');
  });

  it('finds the nearest branch open now for a service, with distance and today’s hours', async () => {
    await post('/api/v1/branches', branch('B2', 31.2304, 121.4737));
    await post('/api/v1/branches', branch('B3', 31.3, 121.5, ['loans']));
    const found = await until(
      () => nearest(`lat=31.2304&lng=121.4737&service=cash&at=${MONDAY_10}`),
      (r) => r.items.length === 2,
    );
    expect(found.items[0]).toMatchObject({
      nameZh: '测试网点B2',
      openNow: true,
      institution: { nameZh: '中国银行上海市分行' },
      today: { reason: 'regular' },
    });
    expect(found.items[0].distanceKm).toBeLessThan(0.1);
    expect(found.items.every((b: { nameZh: string }) => b.nameZh !== '测试网点B3')).toBe(true); // no cash there
    // Sunday: nothing open; the answer offers the online channels instead.
    await post('/api/v1/channels', {
      kind: 'app',
      name: '中国银行手机银行',
      address: 'https://example.com/app',
      services: ['cash', 'account_opening'],
    });
    const sunday = await until(
      () => nearest('lat=31.2304&lng=121.4737&service=cash&at=2022-05-08T02:00:00.000Z'),
      (r) => r.channels.length > 0,
    );
    expect(sunday.items).toEqual([]);
    expect(sunday.channels[0]).toMatchObject({ kind: 'app', name: '中国银行手机银行' });
    // And where and when the nearest opens next: Monday 09:00, nearest first among equals.
    expect(sunday.later.map((b: { nameZh: string }) => b.nameZh)).toEqual(['测试网点B2', '测试网点B1']);
    expect(sunday.later[0]).toMatchObject({ openNow: false, nextOpening: '2022-05-09T01:00:00.000Z' });
    // From a street instead of a point: its branches' middle.
    const fromStreet = await nearest('streetCode=310101002&service=cash&at=2022-05-08T02:00:00.000Z');
    expect(fromStreet.later.map((b: { nameZh: string }) => b.nameZh).sort()).toEqual(['测试网点B1', '测试网点B2']);
    expect((await t.app.inject('/api/v1/public/branches/nearest?streetCode=310199999')).json().error.code).toBe('street.unknown');
    expect((await t.app.inject('/api/v1/public/branches/nearest?service=cash')).json().error.details.fields[0]).toMatchObject({
      field: 'querystring.lat',
      reason: 'required',
    });
    const closedToo = await nearest('lat=31.2304&lng=121.4737&at=2022-05-08T02:00:00.000Z&openOnly=false');
    expect(closedToo.items[0]).toMatchObject({ openNow: false, nextOpening: '2022-05-09T01:00:00.000Z' });
    // A closed branch comes with its institution's online channels.
    expect(closedToo.channels).toEqual([
      { orgId: closedToo.items[0].orgId, kind: 'app', name: '中国银行手机银行', address: 'https://example.com/app' },
    ]);
    const bad = await t.app.inject('/api/v1/public/branches/nearest?lat=abc&lng=121&service=pawnshop');
    expect(
      bad
        .json()
        .error.details.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['querystring.lat', 'querystring.service']);
  });

  it('closes a branch for a lockdown at once in the finder, and refuses overlapping adjustments', async () => {
    const list = (await t.app.inject({ url: '/api/v1/branches', headers: boc })).json().items as { id: string; code: string }[];
    const b2 = list.find((b) => b.code === 'B2') as { id: string };
    const closure = await post(`/api/v1/branches/${b2.id}/adjustments`, {
      from: '2022-05-01',
      to: '2022-05-31',
      closed: true,
      reason: 'lockdown_zone',
      publicNote: '所在小区封控',
    });
    expect(closure.statusCode, closure.body).toBe(201);
    const overlap = await post(`/api/v1/branches/${b2.id}/adjustments`, {
      from: '2022-05-20',
      to: '2022-06-10',
      closed: false,
      hours: [{ open: '10:00', close: '15:00' }],
      reason: 'staffing',
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error).toMatchObject({
      code: 'adjustment.overlap',
      details: { conflicts: [{ from: '2022-05-01', to: '2022-05-31' }] },
    });
    const noHours = await post(`/api/v1/branches/${b2.id}/adjustments`, {
      from: '2022-06-01',
      to: '2022-06-02',
      closed: false,
      reason: 'staffing',
    });
    expect(noHours.json().error.code).toBe('adjustment.hours_required');
    const after = await until(
      () => nearest(`lat=31.2304&lng=121.4737&service=cash&at=${MONDAY_10}&openOnly=false`),
      (r) => r.items.some((b: { nameZh: string; openNow: boolean }) => b.nameZh === '测试网点B2' && !b.openNow),
    );
    const b2Now = after.items.find((b: { nameZh: string }) => b.nameZh === '测试网点B2');
    expect(b2Now.today).toEqual({ intervals: [], reason: 'closed', note: '所在小区封控' });
    expect(b2Now.nextOpening).toBe('2022-06-01T01:00:00.000Z');
    expect((await t.app.inject({ url: `/api/v1/branches/${b2.id}/adjustments`, headers: boc })).json().items).toHaveLength(1);
  });

  it('shows an institution’s new name in the finder as soon as the regulator renames it', async () => {
    const query = `lat=31.2304&lng=121.4737&service=cash&at=${MONDAY_10}&openOnly=false`;
    const b2 = (await nearest(query)).items.find((b: { nameZh: string }) => b.nameZh === '测试网点B2');
    const regulator = await signInAs(t.app, 'regulator');
    const rename = (nameZh: string) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/organizations/${b2.orgId}`, headers: regulator, payload: { nameZh } });
    expect((await rename('中国银行上海分行（更名）')).statusCode).toBe(200);
    const renamed = await until(
      () => nearest(query),
      (r) => r.items.some((b: { nameZh: string; institution: { nameZh: string } }) => b.institution.nameZh === '中国银行上海分行（更名）'),
    );
    expect(
      renamed.items.every(
        (b: { orgId: string; institution: { nameZh: string } }) =>
          b.orgId !== b2.orgId || b.institution.nameZh === '中国银行上海分行（更名）',
      ),
    ).toBe(true);
    expect((await rename(b2.institution.nameZh)).statusCode).toBe(200);
    await until(
      () => nearest(query),
      (r) => r.items.some((b: { institution: { nameZh: string } }) => b.institution.nameZh === b2.institution.nameZh),
    );
  });

  it('keeps each institution to its own branches, and shows the regulator all', async () => {
    const cib = await signInAs(t.app, 'cib.admin');
    expect((await t.app.inject({ url: '/api/v1/branches', headers: cib })).json().items).toEqual([]);
    const regulator = await signInAs(t.app, 'regulator');
    expect((await t.app.inject({ url: '/api/v1/branches', headers: regulator })).json().items.length).toBeGreaterThanOrEqual(3);
    const audit = await t.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('action', 'in', ['branch.created', 'branch.adjusted'])
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(4);
  });

  it('updates the finder of another server process on the same database', async () => {
    // A second application on the same database: it hears the change notice and reloads.
    const second = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: t.database, keys: t.keys });
    await second.ready();
    try {
      const b9 = (await post('/api/v1/branches', branch('B9', 31.4, 121.3))).json();
      const near = (lat: number, lng: number) => async () =>
        (await second.inject(`/api/v1/public/branches/nearest?lat=${lat}&lng=${lng}&at=${MONDAY_10}&radius=1`)).json();
      const hasB9 = (r: { items: { nameZh: string }[] }) => r.items.some((b) => b.nameZh === '测试网点B9');
      await until(near(31.4, 121.3), hasB9);
      // Moved 5 km: found at the new place, no longer at the old one (only that branch is reloaded).
      const moved = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/branches/${b9.id}`,
        headers: boc,
        payload: branch('B9', 31.45, 121.3),
      });
      expect(moved.statusCode, moved.body).toBe(200);
      await until(near(31.45, 121.3), hasB9);
      expect(hasB9(await near(31.4, 121.3)())).toBe(false);
      // A new online channel reaches the other process's answers too (shown where nothing is open: Sunday).
      await post('/api/v1/channels', { kind: 'hotline', name: '测试热线', address: '95566', services: ['cash'] });
      await until(
        async () =>
          (await second.inject('/api/v1/public/branches/nearest?lat=31.45&lng=121.3&service=cash&at=2022-05-08T02:00:00.000Z')).json(),
        (r: { channels: { name: string }[] }) => r.channels.some((c) => c.name === '测试热线'),
      );
    } finally {
      await second.close();
    }
  });

  it('keeps each branch’s hours when a new branch rebuilds the tree', async () => {
    // Forty branches on a line, mornings or afternoons only: enough for the tree to reorder them.
    const ids: string[] = [];
    for (let k = 0; k < 40; k++) {
      const hours = k % 3 === 0 ? { open: '13:00', close: '17:00' } : { open: '09:00', close: '12:00' };
      const created = await post('/api/v1/branches', {
        ...branch(`R${k}`, 31.3 + k * 0.001, 121.5),
        weeklyHours: { days: { 1: [hours] } },
      });
      expect(created.statusCode, created.body).toBe(201);
      ids.push(created.json().id);
    }
    const around = `lat=31.32&lng=121.5&at=${MONDAY_10}&openOnly=false&limit=50&radius=5`;
    // This test's branches (others may lie near), by name.
    const byName = (r: { items: { nameZh: string; openNow: boolean; today: unknown }[] }) =>
      Object.fromEntries(
        r.items.filter((b) => b.nameZh.startsWith('测试网点R')).map((b) => [b.nameZh, { openNow: b.openNow, today: b.today }]),
      );
    const before = byName(
      await until(
        () => nearest(around),
        (r) => Object.keys(byName(r)).length === 40,
      ),
    );
    expect(Object.values(before).filter((b) => !b.openNow)).toHaveLength(14);
    await post('/api/v1/branches', branch('R40', 31.3205, 121.5));
    const after = byName(
      await until(
        () => nearest(around),
        (r) => Object.keys(byName(r)).length === 41,
      ),
    );
    const { 测试网点R40: added, ...others } = after;
    expect(added).toMatchObject({ openNow: true });
    expect(others).toEqual(before);
    // One moves along the line: the tree is rebuilt again, from its own places for the others.
    const moved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/branches/${ids[1]}`,
      headers: boc,
      payload: { ...branch('R1', 31.3395, 121.5), weeklyHours: { days: { 1: [{ open: '09:00', close: '12:00' }] } } },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const isAt = (r: { items: { nameZh: string; lat: number; openNow: boolean; today: unknown }[] }) =>
      r.items.some((b) => b.nameZh === '测试网点R1' && b.lat === 31.3395);
    const afterMove = byName(await until(() => nearest(around), isAt));
    expect(afterMove).toEqual(after);
  });

  it('lets the regulator override the holiday calendar, and the finder follows', async () => {
    const regulator = await signInAs(t.app, 'regulator');
    // Monday 9 May 2022 declared a holiday: the branches (closed on holidays) close that day.
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/holiday-overrides/2022-05-09',
      headers: regulator,
      payload: { kind: 'holiday', name: '测试假日' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/v1/holiday-overrides/2022-05-10', headers: boc, payload: { kind: 'holiday' } }))
        .statusCode,
    ).toBe(403);
    const closed = await until(
      () => nearest(`lat=31.2304&lng=121.4737&at=${MONDAY_10}&openOnly=false`),
      (r) => r.items.length > 0 && r.items.every((b: { openNow: boolean }) => !b.openNow),
    );
    // Branches without an adjustment are closed for the holiday; B2's lockdown closure still wins.
    expect(
      closed.items.some((b: { today: { reason: string; note: string } }) => b.today.reason === 'closed' && b.today.note === '测试假日'),
    ).toBe(true);
    expect((await t.app.inject('/api/v1/holiday-overrides')).json().items).toEqual([
      { date: '2022-05-09', kind: 'holiday', name: '测试假日' },
    ]);
    // Corrected and removed with a reason only.
    const again = { method: 'PUT' as const, url: '/api/v1/holiday-overrides/2022-05-09', headers: regulator };
    expect((await t.app.inject({ ...again, payload: { kind: 'workday' } })).json().error.details.fields[0]).toMatchObject({
      field: 'body.changeReason',
      reason: 'required',
      message_zh: '请填写更正原因',
    });
    expect((await t.app.inject({ ...again, payload: { kind: 'workday', changeReason: '国务院通知更正' } })).statusCode).toBe(200);
    const remove = { method: 'DELETE' as const, url: '/api/v1/holiday-overrides/2022-05-09', headers: regulator };
    expect((await t.app.inject(remove)).statusCode).toBe(400);
    expect((await t.app.inject({ ...remove, url: `${remove.url}?reason=${encodeURIComponent('录入错误')}` })).statusCode).toBe(204);
    const trail = await t.database.db
      .selectFrom('auditEvents')
      .select(['action', 'summary'])
      .where('recordId', '=', '2022-05-09')
      .orderBy('occurredAt')
      .execute();
    expect(trail.map((e) => e.action)).toEqual(['calendar.overridden', 'calendar.overridden', 'calendar.override_removed']);
    expect(trail[2]?.summary).toMatchObject({ reason: '录入错误' });
  });
});
