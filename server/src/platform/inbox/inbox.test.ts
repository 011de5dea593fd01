import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVisitReminderJob } from '../../modules/home-visits/service.ts';
import { createTestApp, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';
import { insertHomeVisit } from '../../test/fixtures.ts';
import { decryptField } from '../pii/crypto.ts';
import { addToInbox } from './service.ts';

describe(`partners as users, and each user's inbox (${testDatabaseKind})`, () => {
  let t: TestApp;
  let regulator: Record<string, string>;
  const post = (url: string, headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url, headers, payload });
  beforeAll(async () => {
    t = await createTestApp();
    regulator = await signInAs(t.app, 'regulator');
  });
  afterAll(() => t.close());

  it('registers a committee partner only with a kind and a committee code that exists', async () => {
    const base = { code: 'committee-guizhou', kind: 'partner', nameZh: '贵州路居委会', nameEn: 'Guizhou Road Neighbourhood Committee' };
    const noKind = await post('/api/v1/organizations', regulator, base);
    expect(noKind.json().error.details.fields).toMatchObject([
      { field: 'body.partnerKind', reason: 'required', message_zh: '请填写合作单位类型' },
    ]);
    const noCode = await post('/api/v1/organizations', regulator, { ...base, partnerKind: 'neighbourhood_committee' });
    expect(noCode.json().error.details.fields).toMatchObject([{ field: 'body.committeeCode', reason: 'required' }]);
    const unknown = await post('/api/v1/organizations', regulator, {
      ...base,
      partnerKind: 'neighbourhood_committee',
      committeeCode: '310101002999',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields).toMatchObject([
      {
        field: 'body.committeeCode',
        reason: 'unknown',
        message_zh: '没有这个居委会或村委会',
        message: 'No such neighbourhood or village committee',
      },
    ]);
    const bank = await post('/api/v1/organizations', regulator, { ...base, code: 'x-bank', kind: 'bank', partnerKind: 'school' });
    expect(bank.json().error.details.fields).toMatchObject([{ field: 'body.partnerKind', reason: 'not_allowed' }]);
    const count = await t.database.db
      .selectFrom('organizations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('code', '=', base.code)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    const ok = await post('/api/v1/organizations', regulator, {
      ...base,
      partnerKind: 'neighbourhood_committee',
      committeeCode: '310101002003',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'partner', partnerKind: 'neighbourhood_committee', committeeCode: '310101002003' });
  });

  it("gives a new user a welcome item; the header's count, reading it, and nobody else's items", async () => {
    const org = (
      await t.database.db.selectFrom('organizations').select('id').where('code', '=', 'committee-guizhou').executeTakeFirstOrThrow()
    ).id;
    const created = await post('/api/v1/users', regulator, {
      orgId: org,
      username: 'guizhou.user',
      name: '贵州居委',
      role: 'partner',
      password: 'Guizhou-Road-2022!x',
    });
    expect(created.statusCode, created.body).toBe(201);
    // A new user changes the password first: use the demo partner's way in by setting one directly.
    await t.database.db.updateTable('users').set({ mustChangePassword: false }).where('username', '=', 'guizhou.user').execute();
    const user = await signInAs(t.app, 'guizhou.user', 'Guizhou-Road-2022!x');
    const inbox = await t.app.inject({ url: '/api/v1/inbox', headers: user });
    expect(inbox.statusCode, inbox.body).toBe(200);
    expect(inbox.json()).toMatchObject({
      total: 1,
      unread: 1,
      items: [{ kind: 'account.welcome', path: '/console/security', readAt: null }],
    });
    const id = inbox.json().items[0].id;
    expect((await t.app.inject({ url: '/api/v1/programmes', headers: user })).json()).toEqual({ items: [] });
    // Another user cannot read or mark it.
    const other = await signInAs(t.app, 'partner');
    expect((await post(`/api/v1/inbox/${id}/read`, other, {})).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/inbox', headers: other })).json().items.some((i: { id: string }) => i.id === id)).toBe(
      false,
    );
    expect((await post(`/api/v1/inbox/${id}/read`, user, {})).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/inbox', headers: user })).json()).toMatchObject({ unread: 0, total: 1 });
  });

  it('sends the items a user chose by e-mail to the address on the account, masked on screen', async () => {
    const org = (
      await t.database.db.selectFrom('organizations').select('id').where('code', '=', 'committee-guizhou').executeTakeFirstOrThrow()
    ).id;
    const bad = await post('/api/v1/users', regulator, {
      orgId: org,
      username: 'guizhou.mail',
      name: '贵州邮件',
      role: 'partner',
      email: 'not-an-address',
      password: 'Guizhou-Road-2022!y',
    });
    expect(bad.json().error.details.fields).toMatchObject([{ field: 'body.email', reason: 'format' }]);
    const made = await post('/api/v1/users', regulator, {
      orgId: org,
      username: 'guizhou.mail',
      name: '贵州邮件',
      role: 'partner',
      email: 'Guizhou@Committee.example.cn',
      password: 'Guizhou-Road-2022!y',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().email).toBe('g***@committee.example.cn');
    await t.database.db.updateTable('users').set({ mustChangePassword: false }).where('username', '=', 'guizhou.mail').execute();
    const user = await signInAs(t.app, 'guizhou.mail', 'Guizhou-Road-2022!y');
    const chosen = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/inbox/preferences',
      headers: user,
      payload: { items: [{ kind: 'programme.joined', sms: false, email: true }] },
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    const userId = made.json().id as string;
    await addToInbox(t.database.db, t.keys, {
      kind: 'programme.joined',
      to: { userIds: [userId] },
      orgId: org,
      titleZh: '贵单位已加入绿色通道项目',
      titleEn: 'Your organisation joined the green channel',
      path: '/console',
    });
    const mail = await t.database.db
      .selectFrom('notifications')
      .select(['channel', 'recipientEnc', 'subject'])
      .where('channel', '=', 'email')
      .execute();
    expect(mail.map((m) => [decryptField(t.keys, m.recipientEnc), m.subject])).toContainEqual([
      'guizhou@committee.example.cn',
      '守沪 Shouhu: 贵单位已加入绿色通道项目',
    ]);
  });

  it('sends the items a user chose by SMS too, and refuses SMS to an account without a mobile', async () => {
    const user = await signInAs(t.app, 'guizhou.user', 'Guizhou-Road-2022!x');
    const none = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/inbox/preferences',
      headers: user,
      payload: { items: [{ kind: 'account.welcome', sms: true, email: false }] },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('inbox.no_mobile');
    const staff = await signInAs(t.app, 'boc.staff');
    const chosen = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/inbox/preferences',
      headers: staff,
      payload: { items: [{ kind: 'homeVisit.assigned', sms: true, email: false }] },
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().items.find((p: { kind: string }) => p.kind === 'homeVisit.assigned')).toEqual({
      kind: 'homeVisit.assigned',
      sms: true,
      email: false,
    });
  });
});

describe(`deadlines in the inbox (${testDatabaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('tells the one sent of a visit due within the hour, and the admins of one past its time, once each', async () => {
    const orgId = (await t.database.db.selectFrom('organizations').select('id').where('code', '=', 'boc-sh').executeTakeFirstOrThrow()).id;
    const staff = (await t.database.db.selectFrom('users').select('id').where('username', '=', 'boc.staff').executeTakeFirstOrThrow()).id;
    const soon = await insertHomeVisit(t, {
      orgId,
      status: 'scheduled',
      assignedUserId: staff,
      scheduledAt: new Date(Date.now() + 20 * 60_000),
    });
    const late = await insertHomeVisit(t, {
      orgId,
      status: 'scheduled',
      assignedUserId: staff,
      scheduledAt: new Date(Date.now() - 2 * 3_600_000),
    });
    const job = createVisitReminderJob(t.keys);
    const run = () => job({ db: t.database.db, job: {} as never, progress: async () => {} } as never);
    expect(await run()).toEqual({ sent: 3 });
    expect(await run()).toEqual({ sent: 0 });
    const items = await t.database.db
      .selectFrom('inboxItems')
      .select(['kind', 'recordId', 'userId'])
      .where('recordId', 'in', [soon, late])
      .execute();
    const admin = (await t.database.db.selectFrom('users').select('id').where('username', '=', 'boc.admin').executeTakeFirstOrThrow()).id;
    expect(
      items
        .map(
          (i) => `${i.kind} ${i.recordId === soon ? 'soon' : 'late'} ${i.userId === staff ? 'staff' : i.userId === admin ? 'admin' : '?'}`,
        )
        .sort(),
    ).toEqual(['deadline.approaching soon staff', 'deadline.passed late admin', 'deadline.passed late staff']);
  });
});
