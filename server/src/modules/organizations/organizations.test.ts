import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, findOrgId, signInAs, type TestApp } from '../../test/app.ts';
import { testDatabaseKind } from '../../test/database.ts';

describe(`organisations admin and the audit search (${testDatabaseKind})`, () => {
  let t: TestApp;
  let regulator: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    regulator = await signInAs(t.app, 'regulator');
  });
  afterAll(() => t.close());

  it('lets the regulator register an organisation, validating the credit code and the parent', async () => {
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: regulator, payload });
    const base = { code: 'citic-wm', kind: 'bank', nameZh: '信银理财', nameEn: 'CITIC Wealth Management' };
    const badUscc = await post({ ...base, uscc: '91310110666007217X' });
    expect(badUscc.statusCode).toBe(400);
    expect(badUscc.json().error.details.fields).toEqual([
      {
        field: 'body.uscc',
        reason: 'checksum',
        message: 'Unified social credit code: the check digit is wrong',
        message_zh: '统一社会信用代码校验位错误',
      },
    ]);
    const badParent = await post({ ...base, parentId: '01900000-0000-7000-8000-000000000000' });
    expect(badParent.json().error.code).toBe('organization.parent_not_found');
    const ok = await post({ ...base, uscc: '9131 0110 6660 0721 7t', parentId: await findOrgId(t, 'sba') });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ code: 'citic-wm', uscc: '91310110666007217T' });
    expect((await post({ ...base, code: 'other-code', uscc: '91310110666007217T' })).json().error.code).toBe('organization.uscc_taken');
    expect((await post(base)).json().error.code).toBe('organization.code_taken');
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${ok.json().id}`,
      headers: regulator,
      payload: { nameEn: 'CITIC Wealth' },
    });
    expect(renamed.json().nameEn).toBe('CITIC Wealth');
    const empty = await t.app.inject({ method: 'PATCH', url: `/api/v1/organizations/${ok.json().id}`, headers: regulator, payload: {} });
    expect(empty.statusCode).toBe(400);
    // The trail names who did it and what it was done to, not their ids.
    const [created] = (
      await t.app.inject({ url: `/api/v1/audit-events?action=organization.created&recordId=${ok.json().id}`, headers: regulator })
    ).json().items;
    expect(created).toMatchObject({
      recordType: 'organization',
      recordName: '信银理财',
      actorName: expect.stringMatching(/^.\*+（regulator）$/),
    });
  });

  it('shows the regulator the whole trail and an institution admin only their own organisation’s', async () => {
    await signInAs(t.app, 'cib.admin');
    await signInAs(t.app, 'boc.staff');
    const all = (await t.app.inject({ url: '/api/v1/audit-events?action=auth.sign_in&limit=200', headers: regulator })).json().items as {
      actorOrgId: string;
      orgId: string;
    }[];
    const boc = await findOrgId(t, 'boc-sh');
    const cib = await findOrgId(t, 'cib-sh');
    expect(all.some((e) => e.orgId === cib)).toBe(true);
    const bocAdmin = await signInAs(t.app, 'boc.admin');
    const own = (await t.app.inject({ url: '/api/v1/audit-events?action=auth.sign_in&limit=200', headers: bocAdmin })).json().items as {
      actorOrgId: string;
      orgId: string;
    }[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e) => e.orgId === boc || e.actorOrgId === boc)).toBe(true);
    const page = await t.app.inject({ url: '/api/v1/audit-events?limit=2', headers: regulator });
    expect(page.json().items).toHaveLength(2);
    const next = await t.app.inject({ url: `/api/v1/audit-events?limit=2&before=${page.json().next}`, headers: regulator });
    expect(next.json().items[0].id < page.json().items[1].id).toBe(true);
    const bad = await t.app.inject({ url: '/api/v1/audit-events?limit=5000', headers: regulator });
    expect(bad.json().error.details.fields[0].field).toBe('querystring.limit');
  });
});
