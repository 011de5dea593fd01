import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';

// Monday 9 May 2022, 10:00 in Shanghai: a working hour.
const MONDAY = '2022-05-09';
const MONDAY_10 = '2022-05-09T02:00:00.000Z';
const WEEKDAYS = Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ open: '09:00', close: '17:00' }]]));

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean) {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error('timed out');
}

describe(`correcting what was published (${testDatabaseKind})`, () => {
  let t: TestApp;
  let boc: Record<string, string>;
  let cib: Record<string, string>;
  let regulator: Record<string, string>;
  let association: Record<string, string>;
  let branchId: string;
  beforeAll(async () => {
    t = await createTestApp();
    boc = await signInAs(t.app, 'boc.staff');
    cib = await signInAs(t.app, 'cib.admin');
    regulator = await signInAs(t.app, 'regulator');
    association = await signInAs(t.app, 'association');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/branches',
      headers: boc,
      payload: {
        code: 'FIX1',
        nameZh: '更正测试网点',
        address: '某路1号',
        streetCode: '310101002',
        lat: 31.2304,
        lng: 121.4737,
        services: ['cash'],
        weeklyHours: { days: WEEKDAYS },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    branchId = created.json().id;
  });
  afterAll(() => t.close());

  const send = (method: 'POST' | 'PUT', url: string, payload: object, headers = boc) => t.app.inject({ method, url, headers, payload });
  const finderSays = async () => {
    const items = (
      await t.app.inject(`/api/v1/public/branches/nearest?lat=31.2304&lng=121.4737&at=${MONDAY_10}&openOnly=false&limit=50`)
    ).json().items as { id: string; openNow: boolean; today: { intervals: { open: string; close: string }[] } }[];
    return items.find((b) => b.id === branchId);
  };

  it('withdraws a closure with a reason: the finder reopens the branch at once, and the next notice lists it as withdrawn', async () => {
    const closure = await send('POST', `/api/v1/branches/${branchId}/adjustments`, {
      from: MONDAY,
      to: MONDAY,
      closed: true,
      reason: 'other',
    });
    expect(closure.statusCode, closure.body).toBe(201);
    const adjustmentId = closure.json().id as string;
    await until(finderSays, (b) => b?.openNow === false);
    // The association publishes the closure.
    await send('POST', '/api/v1/notices/draft', { asOf: MONDAY }, association);
    const v1 = (
      await send(
        'POST',
        '/api/v1/notices/draft/publish',
        { documentNumber: '沪银协〔2022〕20号', signedOn: MONDAY },
        await signInAs(t.app, 'association.reviewer'),
      )
    ).json();
    expect(v1.entries.map((e: { branchId: string }) => e.branchId)).toContain(branchId);

    const url = `/api/v1/branches/${branchId}/adjustments/${adjustmentId}/withdrawal`;
    expect((await send('POST', url, {})).json().error.details.fields[0]).toMatchObject({ field: 'body.reason', reason: 'required' });
    expect((await send('POST', url, { reason: '误操作' }, cib)).statusCode).toBe(404);
    const withdrawn = await send('POST', url, { reason: '误操作，网点照常营业' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: adjustmentId, withdrawnReason: '误操作，网点照常营业' });
    expect(withdrawn.json().withdrawnAt).toBeTruthy();
    await until(finderSays, (b) => b?.openNow === true);
    expect((await send('POST', url, { reason: '再次撤回' })).json().error.code).toBe('adjustment.withdrawn');
    // Still in the branch's history, marked withdrawn.
    const history = (await t.app.inject({ url: `/api/v1/branches/${branchId}/adjustments`, headers: boc })).json().items;
    expect(history).toEqual([expect.objectContaining({ id: adjustmentId, withdrawnReason: '误操作，网点照常营业' })]);

    const v2 = (await send('POST', '/api/v1/notices/draft', { asOf: MONDAY }, association)).json();
    expect(v2.entries.map((e: { branchId: string }) => e.branchId)).not.toContain(branchId);
    expect(v2.changes.withdrawn).toEqual([branchId]);
    expect(v2.changes.reopened).not.toContain(branchId);
    const trail = await t.database.db
      .selectFrom('auditEvents')
      .select(['action', 'summary'])
      .where('recordId', '=', branchId)
      .where('action', '=', 'adjustment.withdrawn')
      .execute();
    expect(trail).toEqual([
      {
        action: 'adjustment.withdrawn',
        summary: expect.objectContaining({ reason: '误操作，网点照常营业', before: expect.objectContaining({ closed: true }) }),
      },
    ]);
  });

  it('corrects an adjustment’s hours with a reason, refusing overlaps and a missing reason', async () => {
    const first = (
      await send('POST', `/api/v1/branches/${branchId}/adjustments`, {
        from: MONDAY,
        to: MONDAY,
        closed: false,
        hours: [{ open: '10:00', close: '15:00' }],
        reason: 'staffing',
      })
    ).json();
    const later = (
      await send('POST', `/api/v1/branches/${branchId}/adjustments`, {
        from: '2022-05-11',
        to: '2022-05-12',
        closed: true,
        reason: 'staffing',
      })
    ).json();
    const url = `/api/v1/branches/${branchId}/adjustments/${first.id}`;
    const change = { from: MONDAY, to: MONDAY, closed: false, hours: [{ open: '09:30', close: '12:00' }], reason: 'staffing' };
    expect((await send('PUT', url, change)).json().error.details.fields[0]).toMatchObject({
      field: 'body.changeReason',
      message_zh: '请填写更正原因',
    });
    expect((await send('PUT', url, { ...change, to: '2022-05-11', changeReason: '延长' })).json().error.code).toBe('adjustment.overlap');
    const changed = await send('PUT', url, { ...change, changeReason: '人员到岗，延长营业' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ hours: [{ open: '09:30', close: '12:00' }] });
    await until(finderSays, (b) => b?.today.intervals[0]?.open === '09:30');
    expect(
      (await send('PUT', `/api/v1/branches/${branchId}/adjustments/${later.id}`, { ...change, changeReason: '更正' }, cib)).statusCode,
    ).toBe(404);
  });

  it('corrects and withdraws an online channel and a zone, with reasons, audited', async () => {
    const channel = (
      await send('POST', '/api/v1/channels', { kind: 'hotline', name: '客服热线', address: '95566', services: ['cash'] })
    ).json();
    const changed = await send('PUT', `/api/v1/channels/${channel.id}`, {
      kind: 'hotline',
      name: '客服热线（24小时）',
      address: '95566',
      services: ['cash', 'loans'],
      changeReason: '增加贷款咨询',
    });
    expect(changed.json()).toMatchObject({ name: '客服热线（24小时）', services: ['cash', 'loans'] });
    expect((await send('POST', `/api/v1/channels/${channel.id}/withdrawal`, { reason: '他行渠道' }, cib)).statusCode).toBe(404);
    expect((await send('POST', `/api/v1/channels/${channel.id}/withdrawal`, { reason: '热线停用' })).statusCode).toBe(204);
    const channels = (await t.app.inject({ url: '/api/v1/channels', headers: boc })).json().items as { id: string }[];
    expect(channels.map((c) => c.id)).not.toContain(channel.id);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const zone = { name: '更正小区', streetCode: '310101002', lat: 31.2305, lng: 121.4738, level: 'sealed', from: today };
    expect((await send('POST', '/api/v1/zones', zone, regulator)).statusCode).toBe(201);
    const zones = async () => (await t.app.inject('/api/v1/zones')).json().items as { id: string; name: string; level: string }[];
    const id = (await zones()).find((z) => z.name === '更正小区')?.id as string;
    const flagged = async () =>
      ((await t.app.inject({ url: '/api/v1/branch-flags', headers: boc })).json().items as { branchId: string }[]).some(
        (f) => f.branchId === branchId,
      );
    expect(await flagged()).toBe(true);
    expect((await send('PUT', `/api/v1/zones/${id}`, { ...zone, level: 'controlled', changeReason: '降级' }, boc)).statusCode).toBe(403);
    const corrected = await send(
      'PUT',
      `/api/v1/zones/${id}`,
      { ...zone, level: 'controlled', changeReason: '区里通报为管控区' },
      regulator,
    );
    expect(corrected.json()).toMatchObject({ id, level: 'controlled' });
    expect((await send('POST', `/api/v1/zones/${id}/withdrawal`, { reason: '录入错误' }, regulator)).statusCode).toBe(204);
    expect((await zones()).map((z) => z.id)).not.toContain(id);
    expect(await flagged()).toBe(false);
    expect((await send('POST', `/api/v1/zones/${id}/withdrawal`, { reason: '录入错误' }, regulator)).json().error.code).toBe(
      'zone.withdrawn',
    );
    const actions = await t.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('recordId', 'in', [id, channel.id])
      .orderBy('occurredAt')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'channel.created',
      'channel.changed',
      'channel.withdrawn',
      'zone.changed',
      'zone.withdrawn',
    ]);
  });
});
