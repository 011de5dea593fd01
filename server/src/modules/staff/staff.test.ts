import { type BranchStaffing, type StaffingBoard, type StaffingCoverage, type StaffingPlanView, todayInShanghai } from '@shouhu/common';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { insertBranch, insertHomeVisit } from '../../test/fixtures.ts';
import { createStaffingRecordJob } from './staffing.ts';

const today = todayInShanghai();

describe(`the roster and who a zone locks in (${testDatabaseKind})`, () => {
  let t: TestApp;
  let boc: Record<string, string>;
  let bocStaff: Record<string, string>;
  let cib: Record<string, string>;
  let regulator: Record<string, string>;
  let branchId: string;
  let cibBranchId: string;
  const send = (method: 'POST' | 'PUT' | 'GET', url: string, headers: Record<string, string>, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const branchOf = (orgId: string, code: string) => insertBranch(t, orgId, code);
  const person = (extra: object = {}) => ({
    name: '王小明',
    branchId,
    posts: ['teller', 'cash'],
    phone: '13912345678',
    home: { streetCode: '310101002', committeeCode: '310101002001', compound: '福寿小区' },
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp();
    boc = await signInAs(t.app, 'boc.admin');
    bocStaff = await signInAs(t.app, 'boc.staff');
    cib = await signInAs(t.app, 'cib.admin');
    regulator = await signInAs(t.app, 'regulator');
    branchId = await branchOf(await findOrgId(t, 'boc-sh'), 'S01');
    cibBranchId = await branchOf(await findOrgId(t, 'cib-sh'), 'S01');
  });
  afterAll(() => t?.close());

  it('keeps a person masked and encrypted, locked in once their compound or street is sealed', async () => {
    const added = await send('POST', '/api/v1/staff', boc, person());
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      name: '王**',
      phone: '139****5678',
      posts: ['teller', 'cash'],
      home: { streetCode: '310101002', compound: '****' },
      lockedIn: false,
      branchName: '测试网点S01',
    });
    const id = added.json().id;
    const stored = await t.database.db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain('福寿');
    expect(JSON.stringify(stored)).not.toContain('13912345678');
    // Someone in another compound of the same street, and one in another street.
    for (const home of [
      { streetCode: '310101002', compound: '长宁新村' },
      { streetCode: '310101013', compound: '福寿小区' },
    ])
      expect((await send('POST', '/api/v1/staff', boc, person({ name: '李四', home }))).statusCode).toBe(201);

    // The compound is sealed (its name as the zone gives it, spaces aside): only its resident is locked in.
    const zone = await send('POST', '/api/v1/zones', regulator, {
      name: '福寿 小区',
      streetCode: '310101002',
      lat: 31.231,
      lng: 121.481,
      level: 'sealed',
      from: today,
    });
    expect(zone.statusCode, zone.body).toBe(201);
    const list = (await send('GET', '/api/v1/staff', boc)).json().items as { id: string; lockedIn: boolean; zoneName: string | null }[];
    expect(list.filter((s) => s.lockedIn).map((s) => s.id)).toEqual([id]);
    expect(list.find((s) => s.id === id)?.zoneName).toBe('福寿 小区');
    // A street controlled whole locks in all who live in it.
    await send('POST', '/api/v1/zones', regulator, {
      name: '整街',
      streetCode: '310101002',
      wholeStreet: true,
      level: 'controlled',
      from: today,
    });
    const locked = (await send('GET', '/api/v1/staff?lockedIn=true', boc)).json().items;
    expect(locked).toHaveLength(2);
    // Not before the zones begin.
    expect((await send('GET', '/api/v1/staff?lockedIn=true&on=2022-01-01', boc)).json().items).toEqual([]);

    // The home is revealed with a reason, and the reveal is audited.
    const revealed = await send('POST', '/api/v1/pii/reveal', boc, {
      recordType: 'staff',
      recordId: id,
      field: 'compound',
      reason: '核对居住小区',
    });
    expect(revealed.json()).toEqual({ value: '福寿小区' });
    const events = await t.database.db.selectFrom('auditEvents').select(['action']).where('recordId', '=', id).execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['staff.added', 'pii.revealed']));

    // Another bank sees none of it; the bank's own staff read it but cannot change it.
    expect((await send('GET', '/api/v1/staff', cib)).json().items).toEqual([]);
    expect((await send('PUT', `/api/v1/staff/${id}`, cib, { ...person(), changeReason: '调岗' })).statusCode).toBe(404);
    expect((await send('GET', '/api/v1/staff', bocStaff)).json().items.length).toBe(3);
    expect((await send('POST', '/api/v1/staff', bocStaff, person())).statusCode).toBe(403);

    // A move to another street, with the reason: no longer locked in by the sealed compound.
    const moved = await send('PUT', `/api/v1/staff/${id}`, boc, {
      ...person({ home: { streetCode: '310101013', compound: '新居' } }),
      changeReason: '搬家',
    });
    expect(moved.json()).toMatchObject({ lockedIn: false });
    const changed = await t.database.db
      .selectFrom('auditEvents')
      .select(['summary'])
      .where('action', '=', 'staff.changed')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(changed.summary)).not.toMatch(/新居|王小明|13912345678/);
    expect((await send('POST', `/api/v1/staff/${id}/removal`, boc, { reason: '离职' })).statusCode).toBe(204);
    expect((await send('GET', '/api/v1/staff', boc)).json().items).toHaveLength(2);
  });

  it('names the field of an unknown branch, post, phone, street or user', async () => {
    const cases: [object, string][] = [
      [{ branchId: cibBranchId }, 'body.branchId'],
      [{ posts: ['juggler'] }, 'body.posts'],
      [{ phone: '12345' }, 'body.phone'],
      [{ home: { streetCode: '310199999', compound: '某小区' } }, 'body.home.streetCode'],
      [{ home: { streetCode: '310101002', committeeCode: '310104002001', compound: '某小区' } }, 'body.home.committeeCode'],
      [{ username: 'nobody.here' }, 'body.username'],
    ];
    for (const [extra, field] of cases) {
      const res = await send('POST', '/api/v1/staff', boc, person(extra));
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details.fields[0].field).toBe(field);
      expect(res.json().error.message_zh).toBeTruthy();
    }
    // An institution's own post, once added, is a post like the others.
    expect((await send('POST', '/api/v1/staff-posts', boc, { code: 'own:wealth', nameZh: '理财', nameEn: 'Wealth' })).statusCode).toBe(201);
    expect(
      (await send('POST', '/api/v1/staff-posts', boc, { code: 'own:wealth', nameZh: '理财', nameEn: 'Wealth' })).json().error.code,
    ).toBe('staff.post_taken');
    expect((await send('POST', '/api/v1/staff', boc, person({ posts: ['own:wealth'] }))).statusCode).toBe(201);
    // A console user is on the roster once.
    expect((await send('POST', '/api/v1/staff', boc, person({ username: 'boc.staff' }))).statusCode).toBe(201);
    expect((await send('POST', '/api/v1/staff', boc, person({ username: 'boc.staff' }))).json().error.code).toBe('staff.user_taken');
    // Home visits ask the roster: boc.staff lives in the sealed compound, and is not offered, with the zone
    // said; a user not on the roster is not offered either, since where they live is not known.
    const visit = await insertHomeVisit(t, { orgId: await findOrgId(t, 'boc-sh') });
    const offered = (await send('GET', `/api/v1/home-visits/${visit}/assignable-staff`, boc)).json().items as {
      name: string;
      free: boolean;
      notOffered: string | null;
      zoneName: string | null;
    }[];
    expect(offered.find((s) => s.name === '赵**')).toMatchObject({ free: false, zoneName: '福寿 小区' });
    expect(offered.find((s) => s.name === '陈**')).toMatchObject({ free: false, notOffered: 'not_on_roster' });
  });

  it('imports a roster file naming every bad row, or only the good ones when asked, and exports it masked', async () => {
    const before = (await send('GET', '/api/v1/staff', boc)).json().items.length;
    const csv = [
      '姓名,网点编码,岗位,手机,街道代码,居委会代码,小区,用户名',
      '赵一,S01,柜员、现金,13900000001,310101002,,长宁新村,',
      '钱二,S99,柜员,13900000002,310101002,,长宁新村,',
      '孙三,S01,杂技,13900000003,310101002,,长宁新村,',
      '李四,S01,理财,13900000004,310101002,,长宁新村,',
    ].join('\n');
    const upload = (partial: boolean) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/staff/import?partial=${partial}`,
        headers: { ...boc, 'content-type': 'text/csv' },
        payload: csv,
      });
    const refused = await upload(false);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [3, 'branchCode'],
      [4, 'posts'],
    ]);
    expect((await send('GET', '/api/v1/staff', boc)).json().items.length).toBe(before);
    const taken = await upload(true);
    expect(taken.json()).toMatchObject({ imported: 2, problemCount: 2 });
    const items = (await send('GET', '/api/v1/staff', boc)).json().items as { posts: string[] }[];
    expect(items.length).toBe(before + 2);
    expect(items.some((s) => s.posts.join() === 'teller,cash')).toBe(true);
    expect(items.some((s) => s.posts.join() === 'own:wealth')).toBe(true);

    const xlsx = await t.app.inject({ url: '/api/v1/staff/export?format=xlsx', headers: boc });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('员工名册') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).getCell(2).value).toBe('姓名');
    expect(sheet.rowCount).toBe(items.length + 2);
    expect(JSON.stringify(sheet.getSheetValues())).not.toContain('13900000001');
    const csvOut = await t.app.inject({ url: '/api/v1/staff/export?format=csv', headers: boc });
    expect(csvOut.body).toContain('赵*');
  });
});

describe(`the staffing board (${testDatabaseKind})`, () => {
  let t: TestApp;
  let boc: Record<string, string>;
  let bocStaff: Record<string, string>;
  let cib: Record<string, string>;
  let regulator: Record<string, string>;
  const send = (method: 'POST' | 'PUT' | 'GET', url: string, headers: Record<string, string>, payload?: object) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const branchOf = (orgId: string, code: string, lat: number, lng: number) => insertBranch(t, orgId, code, { lat, lng });

  beforeAll(async () => {
    t = await createTestApp();
    boc = await signInAs(t.app, 'boc.admin');
    bocStaff = await signInAs(t.app, 'boc.staff');
    cib = await signInAs(t.app, 'cib.admin');
    regulator = await signInAs(t.app, 'regulator');
  });
  afterAll(() => t?.close());

  it('proposes the nearest substitute a short branch can take, lets one of two acceptances win, and applies a fallback in one step', async () => {
    const bocOrg = await findOrgId(t, 'boc-sh');
    const [a, b, c] = [
      await branchOf(bocOrg, 'P01', 31.23, 121.48),
      await branchOf(bocOrg, 'P02', 31.232, 121.482),
      await branchOf(bocOrg, 'P03', 31.3, 121.5),
    ];
    const hire = async (branch: string, compound: string, name: string) => {
      const res = await send('POST', '/api/v1/staff', boc, {
        name,
        branchId: branch,
        posts: ['teller'],
        phone: '13912340000',
        home: { streetCode: '310101015', compound },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    await hire(a, '梅园小区', '甲一');
    await hire(a, '梅园小区', '甲二');
    const fromB = [await hire(b, '桃园小区', '乙一'), await hire(b, '桃园小区', '乙二')];
    await hire(c, '梅园小区', '丙一');
    const plan = async (branchId: string, minimums: Record<string, number>, fallback: object) =>
      send('POST', '/api/v1/staffing-plans', boc, { branchId, minimums, fallback });
    const tooMany = await plan(a, { teller: 3 }, { kind: 'closed', publicNote: '请至就近网点' });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details.fields[0]).toMatchObject({ field: 'body.minimums.teller' });
    expect((await plan(a, { teller: 1 }, { kind: 'shorter_hours', publicNote: '缩短营业时间' })).json().error.details.fields[0].field).toBe(
      'body.fallback.hours',
    );
    const shorter = { kind: 'shorter_hours', hours: [{ open: '10:00', close: '15:00' }], publicNote: '缩短营业时间，可至手机银行办理' };
    for (const [branchId, fallback] of [
      [a, shorter],
      [b, shorter],
      [c, shorter],
    ] as const) {
      const drafted = await plan(branchId, { teller: 1 }, fallback);
      expect(drafted.statusCode, drafted.body).toBe(201);
      expect(drafted.json().inForce).toBe(false);
      const approved = await send('POST', `/api/v1/staffing-plans/${drafted.json().id}/approval`, boc);
      expect(approved.json()).toMatchObject({ inForce: true, version: 1 });
    }
    const board = async () => {
      const res = await send('GET', `/api/v1/staffing?on=${today}`, boc);
      expect(res.statusCode, res.body).toBe(200);
      const branches = new Map((res.json() as StaffingBoard).branches.map((x) => [x.branchId, x]));
      return { get: (id: string) => branches.get(id) as BranchStaffing };
    };
    expect((await board()).get(a).state).toBe('enough');

    // Both of A's tellers, and C's, live in the compound the regulator seals.
    await send('POST', '/api/v1/zones', regulator, {
      name: '梅园小区',
      streetCode: '310101015',
      lat: 31.21,
      lng: 121.5,
      level: 'sealed',
      from: today,
    });
    const sealed = await board();
    expect(sealed.get(a)).toMatchObject({ state: 'covered', lockedIn: 2 });
    const teller = sealed.get(a).posts[0] as BranchStaffing['posts'][number];
    expect(teller).toMatchObject({ post: 'teller', minimum: 1, available: 0, short: 1 });
    // B keeps one for itself: one of its two can stand in, for A or for C (a proposal holds nobody).
    expect(teller.substitutes.map((x) => x.branchId)).toEqual([b]);
    expect(sealed.get(c).state).toBe('covered');

    // Two admins accept B's two people for A at once: one wins, the other is told A is no longer short.
    const [first, second] = await Promise.all(
      fromB.map((staffId) => send('POST', '/api/v1/staffing/substitutes', boc, { staffId, branchId: a, post: 'teller', on: today })),
    );
    expect([first?.statusCode, second?.statusCode].sort()).toEqual([200, 409]);
    const after = await board();
    expect(after.get(a)).toMatchObject({ state: 'enough' });
    expect(after.get(a).posts[0]?.assigned).toHaveLength(1);
    expect(after.get(b).state).toBe('enough');
    // B has nobody left to spare: C is short now.
    expect(after.get(c)).toMatchObject({ state: 'short', posts: [{ short: 1, substitutes: [] }] });
    // C still has nobody: its fallback, shorter hours, becomes the branch's adjustment for the day.
    const fallback = await send('POST', '/api/v1/staffing/fallbacks', boc, { branchId: c, on: today });
    expect(fallback.statusCode, fallback.body).toBe(201);
    expect(fallback.json()).toMatchObject({
      closed: false,
      reason: 'staffing',
      hours: [{ open: '10:00', close: '15:00' }],
      from: today,
      to: today,
    });
    expect((await send('POST', '/api/v1/staffing/fallbacks', boc, { branchId: a, on: today })).json().error.code).toBe(
      'staffing.not_short',
    );
    expect((await board()).get(c).adjusted).toBe(true);
    // A substitute whose own compound is sealed later no longer counts where they stand in.
    await send('POST', '/api/v1/zones', regulator, {
      name: '桃园小区',
      streetCode: '310101015',
      lat: 31.22,
      lng: 121.5,
      level: 'sealed',
      from: today,
    });
    expect((await board()).get(a)).toMatchObject({ state: 'short', posts: [{ available: 0, short: 1 }] });

    // The regulator reads the boards as last recorded: after the fallback, C short and adjusted;
    // once the recurring job records the day again, A and B short too (B's people live in 桃园), not adjusted.
    const coverage = async () => {
      const res = await send('GET', `/api/v1/staffing/coverage?on=${today}`, regulator);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as StaffingCoverage;
    };
    const recorded = await coverage();
    expect(recorded.short.map((x) => [x.branchId, x.adjusted])).toEqual([[c, true]]);
    expect(recorded.districts.find((d) => d.districtCode === '310101')).toMatchObject({ short: 1, shortAdjusted: 1 });
    const job = createStaffingRecordJob(t.keys);
    await job({ db: t.database.db } as Parameters<typeof job>[0]);
    const again = await coverage();
    expect(again.short.map((x) => [x.branchId, x.adjusted])).toEqual([
      [a, false],
      [b, false],
      [c, true],
    ]);
    expect(again.short[0]).toMatchObject({ orgName: '中国银行上海市分行', districtName: '黄浦区' });
    expect(again.districts.find((d) => d.districtCode === '310101')).toMatchObject({ planned: 3, enough: 0, short: 3, shortAdjusted: 1 });
    const figures = (await send('GET', `/api/v1/figures?from=${today}&to=${today}`, regulator)).json().figures.staff;
    // A day counts each branch in the state last recorded for it: A, B and C short.
    expect(figures).toEqual({ branchesShort: 3, branchesCovered: 0, substitutesAccepted: 1 });
    expect((await send('GET', '/api/v1/staffing/coverage', boc)).statusCode).toBe(403);
    // Another bank sees none of this board; the bank's staff read it but cannot change it.
    expect((await send('GET', '/api/v1/staffing', cib)).json().branches).toEqual([]);
    expect((await send('GET', '/api/v1/staffing', bocStaff)).statusCode).toBe(200);
    expect((await send('POST', '/api/v1/staffing/fallbacks', bocStaff, { branchId: c, on: today })).statusCode).toBe(403);
  });

  it('hands a key post from A to B, then to the plan’s pool first, and refuses a plan whose people or duty do not fit', async () => {
    const bocOrg = await findOrgId(t, 'boc-sh');
    const [k1, k2, k3] = [
      await branchOf(bocOrg, 'K01', 31.24, 121.46),
      await branchOf(bocOrg, 'K02', 31.241, 121.461),
      await branchOf(bocOrg, 'K03', 31.35, 121.6),
    ];
    const hire = async (branchId: string, compound: string, name: string) => {
      const home = { streetCode: '310101015', compound };
      const res = await send('POST', '/api/v1/staff', boc, { name, branchId, posts: ['teller'], phone: '13912340001', home });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const [holderA, holderB] = [await hire(k1, '竹园小区', '甲角'), await hire(k1, '兰园小区', '乙角')];
    await hire(k1, '菊园小区', '丙柜');
    const [nearA, nearB] = [await hire(k2, '菊园小区', '近一'), await hire(k2, '菊园小区', '近二')];
    const pooled = await hire(k3, '菊园小区', '远一');
    await hire(k3, '菊园小区', '远二');
    const escort = {
      name: '押运',
      branchId: k3,
      posts: ['cash_in_transit'],
      phone: '13912340002',
      home: { streetCode: '310101015', compound: '菊园小区' },
    };
    expect((await send('POST', '/api/v1/staff', boc, escort)).statusCode).toBe(201);
    const fallback = { kind: 'closed', publicNote: '请至就近网点或手机银行办理' };
    const duty = [
      { staffId: holderA, from: '08:00', to: '20:00' },
      { staffId: holderB, from: '20:00', to: '08:00' },
    ];
    const planFor = (extra: object) => ({
      branchId: k1,
      minimums: { teller: 1 },
      fallback,
      keyPosts: [{ post: 'teller', holderA, holderB }],
      substitutePool: [pooled],
      duty,
      ...extra,
    });
    const refusals: [object, string, string][] = [
      [{ keyPosts: [{ post: 'lending', holderA, holderB }] }, 'body.keyPosts.0.post', 'invalid'],
      [{ keyPosts: [{ post: 'teller', holderA: nearA, holderB }] }, 'body.keyPosts.0.holderA', 'unknown'],
      [{ keyPosts: [{ post: 'teller', holderA, holderB: holderA }] }, 'body.keyPosts.0.holderB', 'duplicate'],
      [{ substitutePool: [holderB] }, 'body.substitutePool.0', 'invalid'],
      [{ duty: [{ staffId: holderA, from: '08:00', to: '20:00' }] }, 'body.duty', 'invalid'],
      [{ duty: [{ staffId: nearA, from: '00:00', to: '00:00' }] }, 'body.duty.0.staffId', 'unknown'],
    ];
    for (const [extra, field, reason] of refusals) {
      const res = await send('POST', '/api/v1/staffing-plans', boc, planFor(extra));
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details.fields[0], field).toMatchObject({ field, reason });
      expect(res.json().error.message_zh).toBeTruthy();
    }
    const gap = await send('POST', '/api/v1/staffing-plans', boc, planFor({ duty: [{ staffId: holderA, from: '08:00', to: '20:00' }] }));
    expect(gap.json().error.details.fields[0].message_zh).toContain('20:00–08:00');
    for (const plan of [
      planFor({}),
      { branchId: k2, minimums: { teller: 1 }, fallback, keyPosts: [{ post: 'teller', holderA: nearA, holderB: nearB }] },
      { branchId: k3, minimums: { teller: 1, cash_in_transit: 1 }, fallback },
    ]) {
      const drafted = await send('POST', '/api/v1/staffing-plans', boc, plan);
      expect(drafted.statusCode, drafted.body).toBe(201);
      await send('POST', `/api/v1/staffing-plans/${drafted.json().id}/approval`, boc);
    }
    const listed = (await send('GET', `/api/v1/staffing-plans?branchId=${k1}`, boc)).json().items[0] as StaffingPlanView;
    expect(listed.keyPosts[0]).toMatchObject({ post: 'teller', holderA: { name: '甲*', lockedIn: false }, holderB: { name: '乙*' } });
    expect(listed.substitutePool[0]).toMatchObject({ name: '远*', branchName: expect.any(String) });
    expect(listed.duty.map((d) => [d.name, d.from, d.to])).toEqual([
      ['甲*', '08:00', '20:00'],
      ['乙*', '20:00', '08:00'],
    ]);
    const branchOn = async (id: string) =>
      ((await send('GET', `/api/v1/staffing?on=${today}`, boc)).json() as StaffingBoard).branches.find(
        (x) => x.branchId === id,
      ) as BranchStaffing;
    expect((await branchOn(k1)).keyPosts[0]?.onDuty).toBe('A');
    // A post code is data: it comes back as written, not camel-cased.
    expect((await branchOn(k3)).posts.map((p) => p.post)).toEqual(['teller', 'cash_in_transit']);
    const seal = (name: string) =>
      send('POST', '/api/v1/zones', regulator, { name, streetCode: '310101015', lat: 31.2, lng: 121.5, level: 'sealed', from: today });
    // A is sealed in: B holds the post, and the branch still has enough.
    await seal('竹园小区');
    expect(await branchOn(k1)).toMatchObject({ state: 'enough', keyPosts: [{ onDuty: 'B', holderA: { lockedIn: true } }] });
    // B too: a teller is still here, but nobody holds the key post; the pool is proposed first, then
    // the nearest branch, whose own key holder is never lent out.
    await seal('兰园小区');
    const unheld = await branchOn(k1);
    expect(unheld).toMatchObject({ state: 'covered', keyPosts: [{ onDuty: null }], duty: [{ lockedIn: true }, { lockedIn: true }] });
    expect(unheld.posts[0]).toMatchObject({ available: 1, short: 1 });
    expect(unheld.posts[0]?.substitutes.map((x) => [x.staffId, x.fromPool])).toEqual([
      [pooled, true],
      [nearB, false],
    ]);
    const accepted = await send('POST', '/api/v1/staffing/substitutes', boc, { staffId: pooled, branchId: k1, post: 'teller', on: today });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await branchOn(k1)).toMatchObject({ state: 'enough', posts: [{ short: 0, assigned: [{ staffId: pooled }] }] });
  });
});
