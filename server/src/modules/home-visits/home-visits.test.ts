import { REFERENCE_PATTERN } from '@shouhu/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../platform/audit/verify.ts';
import { decryptField, encryptField } from '../../platform/pii/crypto.ts';
import { deriveAuditKey } from '../../platform/pii/keys.ts';
import { referencePool } from '../../platform/references.ts';
import { createTestApp, findOrgId, signInAs, type TestApp, verifyCitizen } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { homeVisitInput, insertBranch, insertHomeVisit, tomorrowAt } from '../../test/fixtures.ts';
import { encryptPlainCompounds } from './repo.ts';

const MOBILE = '13912345678';

describe(`home visits (${testDatabaseKind})`, () => {
  let t: TestApp;
  let boc: Record<string, string>;
  let bocAdmin: Record<string, string>;
  let citizen: Record<string, string>;
  let bocId: string;
  beforeAll(async () => {
    t = await createTestApp({ DEV_OUTBOX: 'true' });
    boc = await signInAs(t.app, 'boc.staff');
    bocAdmin = await signInAs(t.app, 'boc.admin');
    bocId = await findOrgId(t, 'boc-sh');
    citizen = await verifyCitizen(t.app, MOBILE);
  });
  afterAll(() => t.close());

  const outbox = async () => (await t.app.inject('/api/v1/dev/outbox')).json().items as { recipient: string; body: string }[];
  const request = (overrides: object = {}) => homeVisitInput(bocId, MOBILE, overrides);
  const post = (url: string, payload: object | undefined, headers = boc) =>
    t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });

  it('takes a citizen’s request, follows it to done with an SMS at each step, and never shows it to another institution', async () => {
    const created = await post('/api/v1/public/home-visits', request(), citizen);
    expect(created.statusCode, created.body).toBe(201);
    const { id, reference } = created.json();
    expect(reference).toMatch(/^HV-\d{8}-\d{6}$/);
    // Stored encrypted: neither the name nor the address is in the row as typed.
    const row = await t.database.db.selectFrom('homeVisits').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toMatch(/王建国|501室|13912345678|福寿小区/);

    const track = async (mobile = MOBILE) => t.app.inject(`/api/v1/public/track/${reference}?mobile=${mobile}`);
    expect((await track()).json()).toMatchObject({ reference, kind: 'home_visit', status: 'requested', institution: '中国银行上海市分行' });
    expect((await track('13900000000')).statusCode).toBe(404);
    expect((await t.app.inject(`/api/v1/public/track/${reference}`)).statusCode).toBe(404);

    const list = (await t.app.inject({ url: '/api/v1/home-visits', headers: boc })).json().items;
    expect(list[0]).toMatchObject({ reference, name: '王**', mobile: '139****5678', status: 'requested', compound: '****' });
    // The compound is encrypted with the rest of the address, and revealed like it: with a reason.
    const revealed = await post(
      '/api/v1/pii/reveal',
      { recordType: 'home_visit', recordId: id, field: 'compound', reason: '上门前核对地址' },
      bocAdmin,
    );
    expect(revealed.json()).toEqual({ value: '福寿小区' });
    expect(list[0].address).not.toContain('501');
    const cib = await signInAs(t.app, 'cib.admin');
    expect((await t.app.inject({ url: '/api/v1/home-visits', headers: cib })).json().items).toEqual([]);
    expect((await t.app.inject({ url: `/api/v1/home-visits/${id}`, headers: cib })).statusCode).toBe(404);

    // Out of order: nothing moves.
    expect((await post(`/api/v1/home-visits/${id}/outcome`, { outcome: 'done' })).json().error.code).toBe('homeVisit.identity_required');
    expect((await post(`/api/v1/home-visits/${id}/acceptance`, undefined)).json().status).toBe('accepted');
    expect((await post(`/api/v1/home-visits/${id}/acceptance`, undefined)).json().error.code).toBe('homeVisit.wrong_status');

    const badId = await post(`/api/v1/home-visits/${id}/identity-check`, {
      residentId: '110105194912310021',
      name: '王建国',
      documents: ['resident_id_card'],
    });
    expect(badId.json().error).toMatchObject({
      code: 'validation.failed',
      details: { fields: [{ field: 'body.residentId', reason: 'checksum' }] },
    });
    const checked = await post(`/api/v1/home-visits/${id}/identity-check`, {
      residentId: '11010519491231002X',
      name: '王建国',
      documents: ['resident_id_card'],
    });
    expect(checked.json()).toMatchObject({ residentId: '110105********002X', documents: ['resident_id_card'] });

    // boc.staff lives in a sealed compound: not offered, and refused if chosen anyway.
    const users = await t.database.db.selectFrom('users').select(['id', 'username']).where('orgId', '=', bocId).execute();
    const staffId = users.find((u) => u.username === 'boc.staff')?.id as string;
    const adminId = users.find((u) => u.username === 'boc.admin')?.id as string;
    const regulator = await signInAs(t.app, 'regulator');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const zone = await post(
      '/api/v1/zones',
      { name: '康乐小区', streetCode: '310101002', lat: 31.2301, lng: 121.4801, level: 'sealed', from: today },
      regulator,
    );
    expect(zone.statusCode, zone.body).toBe(201);
    // Where people live is on the roster: before either is on it, neither is offered, and why is said.
    const before = (await t.app.inject({ url: `/api/v1/home-visits/${id}/assignable-staff`, headers: boc })).json().items;
    expect(before.find((s: { userId: string }) => s.userId === adminId)).toMatchObject({ free: false, notOffered: 'not_on_roster' });
    expect((await post(`/api/v1/home-visits/${id}/schedule`, { userId: adminId, at: tomorrowAt(10) })).json().error.code).toBe(
      'homeVisit.staff_not_on_roster',
    );
    const branchId = await insertBranch(t, bocId, 'HV1');
    for (const [username, compound] of [
      ['boc.staff', '康乐小区'],
      ['boc.admin', '长宁新村'],
    ]) {
      const entry = {
        name: '上门',
        branchId,
        posts: ['teller'],
        phone: '13900001111',
        home: { streetCode: '310101002', compound },
        username,
      };
      const added = await post('/api/v1/staff', entry, bocAdmin);
      expect(added.statusCode, added.body).toBe(201);
    }
    const staff = (await t.app.inject({ url: `/api/v1/home-visits/${id}/assignable-staff`, headers: boc })).json().items;
    expect(staff.find((s: { userId: string }) => s.userId === staffId)).toMatchObject({
      free: false,
      notOffered: 'locked_in',
      zoneName: '康乐小区',
    });
    expect(staff.find((s: { userId: string }) => s.userId === adminId)).toMatchObject({ free: true, notOffered: null });
    expect((await post(`/api/v1/home-visits/${id}/schedule`, { userId: staffId, at: tomorrowAt(10) })).json().error.code).toBe(
      'homeVisit.staff_not_free',
    );
    expect((await post(`/api/v1/home-visits/${id}/schedule`, { userId: adminId, at: '2020-01-01T02:00:00.000Z' })).json().error.code).toBe(
      'homeVisit.window_past',
    );
    const scheduled = await post(`/api/v1/home-visits/${id}/schedule`, { userId: adminId, at: tomorrowAt(10) });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', assignedUserId: adminId });
    expect((await track()).json()).toMatchObject({ status: 'scheduled', scheduledAt: tomorrowAt(10) });

    // Saved again as it is: nothing changes, the customer is not told twice.
    expect((await post(`/api/v1/home-visits/${id}/schedule`, { userId: adminId, at: tomorrowAt(10) })).json().status).toBe('scheduled');
    // Before the scheduled time "done" needs a reason.
    const early = await post(`/api/v1/home-visits/${id}/outcome`, { outcome: 'done', note: '已取现 2000 元' });
    expect(early.json().error).toMatchObject({ code: 'homeVisit.before_schedule', details: { field: 'earlyReason' } });
    const done = await post(`/api/v1/home-visits/${id}/outcome`, {
      outcome: 'done',
      note: '已取现 2000 元',
      earlyReason: '客户来电请求提前',
    });
    expect(done.json()).toMatchObject({ status: 'done', outcomeNote: '已取现 2000 元', earlyReason: '客户来电请求提前', nextSteps: [] });
    expect((await track()).json().status).toBe('done');
    expect((await t.app.inject({ url: '/api/v1/public/home-visits', headers: citizen })).json().items[0]).toMatchObject({
      reference,
      status: 'done',
    });

    const sms = (await outbox()).filter((m) => m.recipient === MOBILE && m.body.includes(reference)).map((m) => m.body);
    expect(sms).toHaveLength(4); // received, accepted, scheduled, done
    const actions = await t.database.db
      .selectFrom('auditEvents')
      .where('action', '!=', 'pii.revealed')
      .select('action')
      .where('recordId', '=', id)
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(
      ['homeVisit.accepted', 'homeVisit.closed', 'homeVisit.identity_checked', 'homeVisit.requested', 'homeVisit.scheduled'].sort(),
    );
  });

  it('serves the staff member sent: the customer’s details in one click, the history, the steps allowed next', async () => {
    const { id, reference } = (await post('/api/v1/public/home-visits', request(), citizen)).json();
    expect((await t.app.inject({ url: `/api/v1/home-visits/${id}`, headers: boc })).json().nextSteps).toEqual([
      'accept',
      'check_identity',
      'close',
    ]);
    await post(`/api/v1/home-visits/${id}/acceptance`, undefined);
    const created = await post(
      '/api/v1/users',
      { orgId: bocId, username: 'boc.visitor', role: 'institution_staff', name: '李上门', password: 'Visit-Shanghai-2022!' },
      bocAdmin,
    );
    expect(created.statusCode, created.body).toBe(201);
    const first = await signInAs(t.app, 'boc.visitor', 'Visit-Shanghai-2022!');
    await post('/api/v1/auth/password', { currentPassword: 'Visit-Shanghai-2022!', newPassword: 'Door to door in Huangpu 7' }, first);
    const visitor = await signInAs(t.app, 'boc.visitor', 'Door to door in Huangpu 7');
    const home = { streetCode: '310101002', compound: '长宁新村' };
    const entry = { name: '李上门', branchId: await insertBranch(t, bocId, 'HV2'), posts: ['teller'], phone: '13900002222', home };
    expect((await post('/api/v1/staff', { ...entry, username: 'boc.visitor' }, bocAdmin)).statusCode).toBe(201);
    const scheduled = await post(`/api/v1/home-visits/${id}/schedule`, { userId: created.json().id, at: tomorrowAt(11) }, visitor);
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', nextSteps: ['check_identity', 'schedule', 'close'] });

    // The one sent sees everything needed at the door, with one click; a colleague not sent and
    // without the reveal permission does not; an administrator does, with a reason.
    const contact = await post(`/api/v1/home-visits/${id}/contact`, {}, visitor);
    expect(contact.json()).toEqual({
      name: '王建国',
      mobile: MOBILE,
      districtCode: '310101',
      streetCode: '310101002',
      compound: '福寿小区',
      address: '3号楼2单元501室',
    });
    expect((await post(`/api/v1/home-visits/${id}/contact`, {}, boc)).statusCode).toBe(403);
    expect((await post(`/api/v1/home-visits/${id}/contact`, {}, bocAdmin)).json().error).toMatchObject({
      code: 'pii.reason_required',
      details: { field: 'reason' },
    });
    expect((await post(`/api/v1/home-visits/${id}/contact`, { reason: '客户来电核对地址' }, bocAdmin)).json().name).toBe('王建国');
    const cib = await signInAs(t.app, 'cib.admin');
    expect((await post(`/api/v1/home-visits/${id}/contact`, { reason: '客户来电核对地址' }, cib)).statusCode).toBe(404);

    const timeline = (await t.app.inject({ url: `/api/v1/home-visits/${id}/timeline`, headers: boc })).json().items;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual([
      'homeVisit.requested',
      'homeVisit.accepted',
      'homeVisit.scheduled',
      'pii.revealed',
      'pii.revealed',
    ]);
    expect(timeline[0]).toMatchObject({ actorKind: 'customer', actorName: null });
    expect(timeline[1]).toMatchObject({ actorKind: 'staff', actorName: expect.stringContaining('boc.staff') });
    expect(timeline[3]).toMatchObject({ actorName: '李**（boc.visitor）', details: { reason: `上门服务 ${reference}`, assignee: true } });
    expect(JSON.stringify(timeline)).not.toMatch(/王建国|13912345678|福寿小区/);
    expect((await t.app.inject({ url: `/api/v1/home-visits/${id}/timeline`, headers: cib })).statusCode).toBe(404);

    // Once the visit is closed the one-click reveal is over.
    await post(`/api/v1/home-visits/${id}/outcome`, { outcome: 'unreachable' }, visitor);
    expect((await post(`/api/v1/home-visits/${id}/contact`, {}, visitor)).statusCode).toBe(403);
  });

  it('lets staff raise a request after a phone call, and refuses bad input naming the field, writing nothing', async () => {
    const before = await t.database.db.selectFrom('homeVisits').select('id').execute();
    const bad = async (payload: object, headers = boc) => (await post('/api/v1/home-visits', payload, headers)).json().error;
    expect(await bad(request({ mobile: '12345' }))).toMatchObject({
      code: 'validation.failed',
      details: { fields: [{ field: 'body.mobile' }] },
    });
    expect(await bad(request({ service: 'pawnshop' }))).toMatchObject({ code: 'validation.failed' });
    // Only what the institution offers this way: no safe-deposit box at home, no claim from a bank.
    expect(await bad(request({ service: 'safe_deposit' }))).toMatchObject({
      code: 'homeVisit.service_not_offered',
      details: { field: 'service' },
    });
    expect(await bad(request({ service: 'claims' }))).toMatchObject({ code: 'homeVisit.service_not_offered' });
    expect(await bad(request({ windows: [{ from: '2020-01-01T01:00:00Z', to: '2020-01-01T03:00:00Z' }] }))).toMatchObject({
      code: 'homeVisit.window_past',
      details: { field: 'windows.0' },
    });
    // Staff raise requests for their own institution only; a citizen only for the mobile they verified.
    expect((await post('/api/v1/home-visits', request({ orgId: await findOrgId(t, 'cib-sh') }))).statusCode).toBe(403);
    expect(await bad(request(), citizen)).toMatchObject({ code: 'access.denied' }); // citizens use the public route
    expect((await post('/api/v1/public/home-visits', request({ mobile: '13800009999' }), citizen)).json().error.code).toBe(
      'homeVisit.mobile_mismatch',
    );
    expect(
      (await post('/api/v1/public/home-visits', request({ orgId: await findOrgId(t, 'regulator-sh') }), citizen)).json().error,
    ).toMatchObject({
      code: 'homeVisit.institution_unknown',
      details: { field: 'orgId' },
    });
    expect((await t.database.db.selectFrom('homeVisits').select('id').execute()).length).toBe(before.length);

    const raised = await post('/api/v1/home-visits', request({ mobile: '13700001111', reason: 'elderly' }));
    expect(raised.statusCode, raised.body).toBe(201);
    const view = (await t.app.inject({ url: `/api/v1/home-visits/${raised.json().id}`, headers: boc })).json();
    expect(view).toMatchObject({ raisedBy: 'staff', status: 'requested', reason: 'elderly' });
    // Not reachable may close a request at any open step.
    expect((await post(`/api/v1/home-visits/${view.id}/outcome`, { outcome: 'unreachable' })).json().status).toBe('unreachable');
  });

  it('writes requests that arrive together in shared transactions, each with its own number, audit entry and SMS', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post('/api/v1/home-visits', request({ mobile: `1370000${String(i).padStart(4, '0')}` }))),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    const ids = results.map((r) => r.json().id as string);
    expect(new Set(results.map((r) => r.json().reference)).size).toBe(30);
    const audited = await t.database.db
      .selectFrom('auditEvents')
      .select('recordId')
      .where('action', '=', 'homeVisit.requested')
      .where('recordId', 'in', ids)
      .execute();
    expect(audited).toHaveLength(30);
    const sms = (await outbox()).filter((m) => m.recipient.startsWith('1370000') && /已收到/.test(m.body));
    expect(sms.length).toBeGreaterThanOrEqual(30);
    // The trail still verifies, chain by chain.
    expect((await verifyAuditTrail(t.database.db, deriveAuditKey(t.keys))).problems).toEqual([]);
  });

  it('encrypts at start the compounds that earlier versions kept in clear', async () => {
    const id = await insertHomeVisit(t, { orgId: bocId, compound: '旧版小区', compoundEnc: null });
    expect(await encryptPlainCompounds(t.database.db, (v) => encryptField(t.keys, v))).toBe(1);
    const row = await t.database.db
      .selectFrom('homeVisits')
      .select(['compound', 'compoundEnc'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.compound).toBeNull();
    expect(decryptField(t.keys, row.compoundEnc as string)).toBe('旧版小区');
    expect(await encryptPlainCompounds(t.database.db, (v) => encryptField(t.keys, v))).toBe(0);
  });
});

describe(`one tracker and "my requests" for every kind (${testDatabaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DEV_OUTBOX: 'true', AUTH_RATE_LIMIT_MAX: '1000' });
  });
  afterAll(() => t.close());

  const verify = async (mobile: string) => {
    await t.app.inject({ method: 'POST', url: '/api/v1/public/sms-codes', payload: { mobile } });
    const items = (await t.app.inject('/api/v1/dev/outbox')).json().items as { recipient: string; body: string }[];
    const code = /(\d{6})/.exec(items.find((m) => m.recipient === mobile)?.body ?? '')?.[1];
    const verified = await t.app.inject({ method: 'POST', url: '/api/v1/public/sessions', payload: { mobile, code } });
    return {
      cookie: `shouhu_session=${verified.cookies.find((c) => c.name === 'shouhu_session')?.value}`,
      'x-csrf-token': verified.json().csrfToken,
    };
  };

  it('follows a video session and a home visit by reference and mobile, and lists both for the verified citizen alone', async () => {
    const bocId = await findOrgId(t, 'boc-sh');
    const mine = await verify('13912340001');
    const visit = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/home-visits',
      headers: mine,
      payload: homeVisitInput(bocId, '13912340001'),
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const place = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/video-queue',
      headers: mine,
      payload: { orgId: bocId, service: 'account_opening', mobile: '13912340001' },
    });
    expect(place.statusCode, place.body).toBe(201);
    const vs = place.json().reference as string;
    expect(vs).toMatch(/^VS-\d{8}-\d{6,}$/);
    const tracked = await t.app.inject(`/api/v1/public/track/${vs}?mobile=13912340001`);
    expect(tracked.json()).toMatchObject({ reference: vs, kind: 'video_session', status: 'waiting', institution: '中国银行上海市分行' });
    expect((await t.app.inject(`/api/v1/public/track/${vs}?mobile=13912340002`)).statusCode).toBe(404);

    const list = await t.app.inject({ url: '/api/v1/public/my-requests', headers: mine });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((r: { reference: string }) => r.reference)
        .sort(),
    ).toEqual([visit.json().reference, vs].sort());
    const other = await verify('13912340002');
    expect((await t.app.inject({ url: '/api/v1/public/my-requests', headers: other })).json().items).toEqual([]);
    expect((await t.app.inject('/api/v1/public/my-requests')).statusCode).toBe(401);
  });

  it('takes the committee of the compound when it lies in the street, and refuses one that does not', async () => {
    const bocId = await findOrgId(t, 'boc-sh');
    const headers = await verify('13912340005');
    const ask = (committeeCode: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/public/home-visits',
        headers,
        payload: homeVisitInput(bocId, '13912340005', { streetCode: '310101002', committeeCode }),
      });
    const elsewhere = await ask('310115004001');
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.details.fields).toMatchObject([{ field: 'body.committeeCode', reason: 'unknown' }]);
    const ok = await ask('310101002003');
    expect(ok.statusCode, ok.body).toBe(201);
    const staff = await signInAs(t.app, 'boc.staff');
    expect((await t.app.inject({ url: `/api/v1/home-visits/${ok.json().id}`, headers: staff })).json().committeeCode).toBe('310101002003');
  });

  it('numbers references from one counter that grows past six digits instead of wrapping', async () => {
    await t.database.db.insertInto('referenceCounters').values({ prefix: 'ZZ', last: 999_999 }).execute();
    const [reference] = await referencePool(t.database.db, 'ZZ').take(1);
    expect(reference).toMatch(/^ZZ-\d{8}-1000000$/);
    expect(new RegExp(REFERENCE_PATTERN).test(reference as string)).toBe(true);
    // The tracker's route takes it (and answers that no such request exists).
    expect((await t.app.inject(`/api/v1/public/track/${reference}?mobile=13912340001`)).json().error.code).toBe('reference.not_found');
  });
});
